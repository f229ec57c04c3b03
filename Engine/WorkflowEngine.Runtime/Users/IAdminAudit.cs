namespace WorkflowEngine.Runtime.Users;

/// <summary>The audit of what administrators changed in users and departments.</summary>
public interface IAdminAudit
{
    Task RecordAsync(AdminAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>One user's or department's changes, newest first.</summary>
    Task<IReadOnlyList<AdminAuditEntry>> ListAsync(string targetKind, string targetId, int limit, CancellationToken cancellationToken);
}
