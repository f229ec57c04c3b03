namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// The users as administrators manage them. Each change writes its <see cref="AdminAuditEntry"/> in the same
/// transaction, and a change that alters what a user may do (role, department, disabled) renews their password's stamp
/// too, so that every session and token issued before ends, as a changed password does.
/// </summary>
public interface IUserAccounts
{
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The users <paramref name="filter"/> matches, by role then id, <paramref name="limit"/> from <paramref name="offset"/>.</summary>
    Task<UserAccountPage> SearchAsync(UserFilter filter, int limit, int offset, CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Adds a user with their first password, in one transaction, so that no failure in between leaves a user who
    /// cannot sign in and whose name is taken; false when the id is taken.
    /// </summary>
    Task<bool> CreateAsync(UserRecord user, UserCredential password, AdminAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Sets role and department; refused if it would leave no enabled administrator.</summary>
    Task<UserChangeStatus> ChangeAsync(string id, string role, string? department, string newStamp, AdminAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>Disables (at <paramref name="disabledAt"/>) or enables (null); disabling is refused if it would leave no enabled administrator.</summary>
    Task<UserChangeStatus> SetDisabledAsync(string id, DateTimeOffset? disabledAt, string newStamp, AdminAuditEntry audit, CancellationToken cancellationToken);
}
