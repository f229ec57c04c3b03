namespace WorkflowEngine.Runtime.Users;

/// <summary>The audit of what administrators changed: users, departments and definition versions.</summary>
public interface IAdminAudit
{
    Task RecordAsync(AdminAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>One user's or department's changes, newest first.</summary>
    Task<IReadOnlyList<AdminAuditEntry>> ListAsync(string targetKind, string targetId, int limit, CancellationToken cancellationToken);

    /// <summary>Every change administrators made (users, departments, definitions), or those of one kind, newest first.</summary>
    Task<IReadOnlyList<AdminAuditEntry>> ListAllAsync(string? targetKind, int limit, int offset, CancellationToken cancellationToken);
}
