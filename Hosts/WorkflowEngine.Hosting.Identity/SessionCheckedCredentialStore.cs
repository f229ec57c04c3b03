using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The credential store, telling <see cref="SessionCheckCache"/> of every committed change of a stamp (a new password, a
/// renewed stamp), so that whoever writes one ends the account's old sessions and tokens here at once without having to
/// remember to. The lockout and a rehash leave the stamp as it was, so they forget nothing.
/// </summary>
public sealed class SessionCheckedCredentialStore(ICredentialStore inner, SessionCheckCache sessionChecks) : ICredentialStore
{
    public Task<UserCredential?> FindAsync(string userId, CancellationToken cancellationToken) => inner.FindAsync(userId, cancellationToken);

    public Task SetPasswordAsync(string userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken cancellationToken) =>
        sessionChecks.ForgetAfterAsync(userId, inner.SetPasswordAsync(userId, passwordHash, securityStamp, now, cancellationToken));

    public Task RehashAsync(string userId, string passwordHash, CancellationToken cancellationToken) => inner.RehashAsync(userId, passwordHash, cancellationToken);

    public Task RenewStampAsync(string userId, string securityStamp, CancellationToken cancellationToken) =>
        sessionChecks.ForgetAfterAsync(userId, inner.RenewStampAsync(userId, securityStamp, cancellationToken));

    public Task<UserCredential?> RecordFailureAsync(string userId, DateTimeOffset now, LockoutPolicy policy, CancellationToken cancellationToken) =>
        inner.RecordFailureAsync(userId, now, policy, cancellationToken);

    public Task RecordSuccessAsync(string userId, CancellationToken cancellationToken) => inner.RecordSuccessAsync(userId, cancellationToken);
}
