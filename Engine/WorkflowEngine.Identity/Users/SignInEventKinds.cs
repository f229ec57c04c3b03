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

    /// <summary>Every kind there is, in the order administrators read them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Succeeded, Failed, LockedOut, Refused, RefusedDisabled, SignedOut, TokenIssued, PasswordChanged];

    /// <summary>What an administrator watching for attacks on accounts looks at: wrong passwords, lockouts, refusals.</summary>
    public static readonly IReadOnlyList<string> Problems = [Failed, LockedOut, Refused, RefusedDisabled];
}
