namespace WorkflowEngine.Runtime.Users;

/// <summary>Departments and users as stored (seeded from <c>Definitions/</c> at start).</summary>
public interface IDirectoryStore
{
    Task UpsertDepartmentsAsync(IEnumerable<DirectoryDepartment> departments, CancellationToken cancellationToken);

    Task UpsertUsersAsync(IEnumerable<UserRecord> users, CancellationToken cancellationToken);

    Task<UserRecord?> FindUserAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The users of <paramref name="ids"/> the directory has, disabled ones too (a clerk who left still names the tasks
    /// they handled), in one read: a page names everyone it shows with one look-up, not one per line. An id it does not
    /// have is left out.
    /// </summary>
    Task<IReadOnlyList<UserRecord>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>The users who may sign in (not disabled).</summary>
    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);
}
