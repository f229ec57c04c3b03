namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// Wrong sign-ins under names that have no account, counted and locked as <see cref="ICredentialStore"/> counts and locks
/// an account's, so that the answer after the limit does not tell a real name from a made-up one. Names are compared
/// without regard to case. Shared by every process on the database, and kept across restarts.
/// </summary>
public interface IUnknownNameLockouts
{
    /// <summary>Until when the name is locked at <paramref name="now"/>, or null when it is not.</summary>
    Task<DateTimeOffset?> LockedUntilAsync(string userName, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one more wrong sign-in, atomically; the failure that reaches the policy's limit locks the name until
    /// <c>now + Duration</c> and starts the count again. Returns until when the name is now locked, or null when it is not.
    /// </summary>
    Task<DateTimeOffset?> RecordFailureAsync(string userName, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken);
}
