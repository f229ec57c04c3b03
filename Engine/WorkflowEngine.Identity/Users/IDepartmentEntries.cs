namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// The departments of this host's directory as administrators edit them: their names and description (the code, and
/// so the queue, stays), with the people in each. Each host keeps them in its own database: the engine host the
/// departments it publishes at <c>GET /api/departments</c>, a department host the ones it serves. User administration
/// reaches them here, so a department host's pages need nothing of the engine's stores.
/// </summary>
public interface IDepartmentEntries
{
    Task<IReadOnlyList<DepartmentEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Sets the names and description, with its audit entry, in one transaction; false when there is no such department.</summary>
    Task<bool> EditAsync(DirectoryDepartment department, AdminAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The departments an administrator edited, which stand over the files at start.</summary>
    Task<IReadOnlyList<DirectoryDepartment>> EditedAsync(CancellationToken cancellationToken);
}
