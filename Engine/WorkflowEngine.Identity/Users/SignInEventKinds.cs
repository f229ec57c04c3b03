namespace WorkflowEngine.Runtime.Users;

/// <summary>The kinds of <see cref="SignInEvent"/>.</summary>
public static class SignInEventKinds
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string LockedOut = "locked-out";
    public const string Refused = "refused-locked";
    public const string RefusedDisabled = "refused-disabled";
    public const string SignedOut = "signed-out";
    public const string TokenIssued = "token-issued";
    public const string PasswordChanged = "password-changed";

    /// <summary>A one-time code was texted to a mobile number registering an applicant's account (never the code).</summary>
    public const string RegistrationCodeSent = "registration-code-sent";

    /// <summary>A wrong code was given for a mobile number registering.</summary>
    public const string RegistrationCodeWrong = "registration-code-wrong";

    /// <summary>An applicant's account was made by the applicant, with the mobile number proven.</summary>
    public const string Registered = "registered";

    /// <summary>A one-time code was texted to an applicant's mobile number to reset a forgotten password (never the code).</summary>
    public const string ResetCodeSent = "reset-code-sent";

    /// <summary>
    /// A reset code was asked for a number with no self-registered, enabled applicant's account (unknown, staff, disabled):
    /// nothing was texted, and the page answered as it does when a code is sent.
    /// </summary>
    public const string ResetCodeWithheld = "reset-code-withheld";

    /// <summary>A wrong code was given to reset the password of a mobile number's account.</summary>
    public const string ResetCodeWrong = "reset-code-wrong";

    /// <summary>An applicant replaced a forgotten password with a texted code; every session and token of the account ended.</summary>
    public const string PasswordReset = "password-reset";

    /// <summary>Every kind there is, in the order administrators read them.</summary>
    public static readonly IReadOnlyList<string> All =
        [
            Succeeded, Failed, LockedOut, Refused, RefusedDisabled, SignedOut, TokenIssued, PasswordChanged, RegistrationCodeSent, RegistrationCodeWrong, Registered,
            ResetCodeSent, ResetCodeWithheld, ResetCodeWrong, PasswordReset,
        ];

    /// <summary>What an administrator watching for attacks on accounts looks at: wrong passwords, lockouts, refusals.</summary>
    public static readonly IReadOnlyList<string> Problems = [Failed, LockedOut, Refused, RefusedDisabled, RegistrationCodeWrong, ResetCodeWithheld, ResetCodeWrong];
}
