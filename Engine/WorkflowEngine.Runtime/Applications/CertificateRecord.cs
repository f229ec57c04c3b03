namespace WorkflowEngine.Runtime.Applications;

/// <summary>A certificate issued to an application at unified issuance.</summary>
public sealed record CertificateRecord(
    Guid ApplicationId,
    string StepId,
    string Name,
    string FromStep,
    string DetailsJson,
    DateTimeOffset IssuedAt);
