using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Audit;

/// <summary>
/// A department host's access log, kept in its own database: it holds no application and so no audit trail of the
/// engine's to add to. Its lines form one hash chain over the whole host (<see cref="AuditChain"/>): each line's
/// <see cref="AuditRecord.Type"/> is what was read (<see cref="AccessTypes"/>), its step and data say where.
/// </summary>
public interface IDepartmentAccessLog : IAccessLog
{
    /// <summary>Lines newest first, of one application and/or of one department (null: every one).</summary>
    Task<IReadOnlyList<AuditRecord>> ListAsync(Guid? applicationId, string? department, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>Checks every line against the chain and the head, and says how many lines there are.</summary>
    Task<(AuditVerification Verification, long Lines)> VerifyAsync(CancellationToken cancellationToken);
}
