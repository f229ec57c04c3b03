using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The user accounts, telling <see cref="SessionCheckCache"/> of every committed change an administrator makes (a new
/// user, a role or department with its new stamp, disabling or enabling), so that the account's old sessions and tokens
/// end here on their next request whoever made the change.
/// </summary>
public sealed class SessionCheckedUserAccounts(IUserAccounts inner, SessionCheckCache sessionChecks) : IUserAccounts
{
    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<UserAccountPage> SearchAsync(UserFilter filter, int limit, int offset, CancellationToken cancellationToken) =>
        inner.SearchAsync(filter, limit, offset, cancellationToken);

    public Task<UserAccount?> FindAsync(string id, CancellationToken cancellationToken) => inner.FindAsync(id, cancellationToken);

    // A request may have been checked against "no such account" before the user was made.
    public Task<bool> CreateAsync(UserRecord user, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return sessionChecks.ForgetAfterAsync(user.Id, inner.CreateAsync(user, password, audit, cancellationToken));
    }

    public Task<UserChangeStatus> ChangeAsync(string id, string role, string? department, string newStamp, AdminAuditEntry audit, CancellationToken cancellationToken) =>
        sessionChecks.ForgetAfterAsync(id, inner.ChangeAsync(id, role, department, newStamp, audit, cancellationToken));

    public Task<UserChangeStatus> SetDisabledAsync(string id, DateTimeOffset? disabledAt, string newStamp, AdminAuditEntry audit, CancellationToken cancellationToken) =>
        sessionChecks.ForgetAfterAsync(id, inner.SetDisabledAsync(id, disabledAt, newStamp, audit, cancellationToken));
}
