namespace WorkflowEngine.Runtime.Users;

/// <summary>What a code texted to a mobile number is for: each has its own throttles (<see cref="ICodeRequests"/>).</summary>
public static class CodePurposes
{
    /// <summary>Proving the number of an account an applicant makes.</summary>
    public const string Registration = "register";

    /// <summary>Proving the number of an applicant's account whose forgotten password is replaced.</summary>
    public const string PasswordReset = "reset";
}
