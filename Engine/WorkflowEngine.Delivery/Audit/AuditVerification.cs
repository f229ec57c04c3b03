using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Audit;

/// <summary>
/// Whether an application's audit trail is as written; when not, the first line that breaks the chain: its row id, its
/// position in the trail as stored (1 for the first line, whatever sequence number it claims), and what is wrong.
/// </summary>
public sealed record AuditVerification(bool Verified, long? BrokenLineId, long? BrokenPosition, string? Problem)
{
    public static AuditVerification Intact { get; } = new(true, null, null, null);

    public static AuditVerification Broken(AuditRecord line, long position, string problem) => new(false, line.Id, position, problem);
}
