namespace WorkflowEngine.Runtime.Users;

/// <summary>How replacing a password with a texted code ended.</summary>
public enum PasswordResetCompletion
{
    /// <summary>The password was replaced with a new stamp and the lockout cleared; the code is gone.</summary>
    Reset,

    /// <summary>No pending reset matched the code while it was valid (used already, replaced, expired or out of tries).</summary>
    NotClaimed,

    /// <summary>The code was right, but the account is no longer a self-registered applicant's, or is disabled; the code is used up.</summary>
    NotEligible,
}
