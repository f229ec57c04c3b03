namespace WorkflowEngine.Hosting.Identity;

/// <summary>How a password sign-in ended.</summary>
public enum SignInStatus
{
    Succeeded,

    /// <summary>Unknown user or wrong password: the caller is not told which.</summary>
    Invalid,

    LockedOut,

    /// <summary>The right password of an account an administrator disabled.</summary>
    Disabled,
}
