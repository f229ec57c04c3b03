namespace WorkflowEngine.Runtime.Audit;

/// <summary>The outcome of checking a whole database's audit trails: how much was checked, and the first broken line.</summary>
public sealed record AuditDatabaseVerification(long Applications, long Lines, Guid? BrokenApplication, string? BrokenTrackingNumber, AuditVerification Result)
{
    public bool Verified => Result.Verified;
}
