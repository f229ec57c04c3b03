namespace WorkflowEngine.Runtime.Users;

/// <summary>Departments and users as stored (seeded from <c>Definitions/</c> at start).</summary>
public interface IDirectoryStore
{
    Task UpsertDepartmentsAsync(IEnumerable<DirectoryDepartment> departments, CancellationToken cancellationToken);

    Task UpsertUsersAsync(IEnumerable<UserRecord> users, CancellationToken cancellationToken);

    Task<UserRecord?> FindUserAsync(string id, CancellationToken cancellationToken);

    /// <summary>The users who may sign in (not disabled).</summary>
    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);
}
