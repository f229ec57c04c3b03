namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// A certificate issued to an application at unified issuance; revoked (作废) at <see cref="RevokedAt"/>, with
/// <see cref="RevokedReason"/> (and <see cref="RevokedReasonEn"/> in English), when the approval it rests on was revoked afterwards.
/// </summary>
public sealed record CertificateRecord(
    Guid ApplicationId,
    string StepId,
    string Name,
    string FromStep,
    string DetailsJson,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt = null,
    string? RevokedReason = null,
    string? RevokedReasonEn = null);
