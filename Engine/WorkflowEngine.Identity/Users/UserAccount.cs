namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// A user as an administrator sees them: who they are, whether they may sign in (disabled, locked), whether they have a
/// local password, and when they last signed in (from the sign-in audit).
/// </summary>
public sealed record UserAccount(
    UserRecord User,
    DateTimeOffset? DisabledAt,
    bool HasPassword,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt)
{
    public bool IsDisabled => DisabledAt is not null;

    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
