namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// A user's local password, as stored: its hash (never the password), the stamp that changes with it and ends every
/// session issued before, and the failed attempts that lock the account for a while.
/// </summary>
public sealed record UserCredential(
    string UserId,
    string PasswordHash,
    string SecurityStamp,
    int FailedCount,
    DateTimeOffset? LockedUntil,
    DateTimeOffset ChangedAt)
{
    public bool IsLockedAt(DateTimeOffset now) => LockedUntil is { } until && until > now;
}
