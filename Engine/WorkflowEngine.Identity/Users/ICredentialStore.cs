namespace WorkflowEngine.Runtime.Users;

/// <summary>The users' local passwords (hashed) and their lockout state.</summary>
public interface ICredentialStore
{
    Task<UserCredential?> FindAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Sets a new password hash with a new stamp, and clears failures and lockout.</summary>
    Task SetPasswordAsync(string userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the hash only (a rehash with stronger settings after a successful sign-in): the password and the stamp stay,
    /// so no session ends.
    /// </summary>
    Task RehashAsync(string userId, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Replaces the stamp only (at sign-out): every session and token issued before ends; the password and any lockout stay.</summary>
    Task RenewStampAsync(string userId, string securityStamp, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a wrong password, atomically; the failure that reaches the policy's limit locks the account until
    /// <c>now + Duration</c> and starts the count again. Returns the credential as it now stands (null for no credential).
    /// </summary>
    Task<UserCredential?> RecordFailureAsync(string userId, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken);

    /// <summary>A right password: the failures so far are forgiven.</summary>
    Task RecordSuccessAsync(string userId, CancellationToken cancellationToken);
}
