namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Every certificate of an application not yet revoked becomes void (作废) at <see cref="At"/>, for <see cref="Reason"/>
/// (<see cref="ReasonEn"/> in English, where the engine worded it).
/// </summary>
public sealed record CertificateRevocation(Guid ApplicationId, string Reason, DateTimeOffset At, string? ReasonEn = null);
