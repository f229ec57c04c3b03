using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The directory, telling <see cref="SessionCheckCache"/> of every committed write of a user's record (the name, role and
/// department the cache keeps beside the account's standing, e.g. an identity platform user's new claims), so that no
/// request here compares with the old record again, whoever wrote it.
/// </summary>
public sealed class SessionCheckedDirectoryStore(IDirectoryStore inner, SessionCheckCache sessionChecks) : IDirectoryStore
{
    public Task UpsertDepartmentsAsync(IEnumerable<DirectoryDepartment> departments, CancellationToken cancellationToken) =>
        inner.UpsertDepartmentsAsync(departments, cancellationToken);

    public async Task UpsertUsersAsync(IEnumerable<UserRecord> users, CancellationToken cancellationToken)
    {
        var written = users.ToList();
        try
        {
            await inner.UpsertUsersAsync(written, cancellationToken);
        }
        finally
        {
            foreach (var user in written)
            {
                sessionChecks.Forget(user.Id);
            }
        }
    }

    public Task<UserRecord?> FindUserAsync(string id, CancellationToken cancellationToken) => inner.FindUserAsync(id, cancellationToken);

    public Task<IReadOnlyList<UserRecord>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        inner.FindUsersAsync(ids, cancellationToken);

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) => inner.ListUsersAsync(cancellationToken);
}
