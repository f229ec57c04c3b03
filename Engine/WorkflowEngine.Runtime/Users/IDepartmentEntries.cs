using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Users;

/// <summary>The departments as administrators edit them: their names and description (the code, and so the queue, stays).</summary>
public interface IDepartmentEntries
{
    Task<IReadOnlyList<DepartmentEntry>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Sets the names and description, with its audit entry, in one transaction; false when there is no such department.</summary>
    Task<bool> EditAsync(Department department, AdminAuditEntry audit, CancellationToken cancellationToken);

    /// <summary>The departments an administrator edited, which stand over the files at start.</summary>
    Task<IReadOnlyList<Department>> EditedAsync(CancellationToken cancellationToken);
}
