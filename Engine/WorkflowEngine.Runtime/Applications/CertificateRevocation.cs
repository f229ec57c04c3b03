namespace WorkflowEngine.Runtime.Applications;

/// <summary>Every certificate of an application not yet revoked becomes void (作废) at <see cref="At"/>, for <see cref="Reason"/>.</summary>
public sealed record CertificateRevocation(Guid ApplicationId, string Reason, DateTimeOffset At);
