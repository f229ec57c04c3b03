namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A step the applicant may have approved on commitment (告知承诺制): the text to sign and what follows, whether it may
/// be signed now, and once signed, the signature and its verification (事后核查): <c>awaiting-verification</c>,
/// <c>verifying</c>, <c>passed</c>, <c>failed</c> (the approval revoked, with the reason) or <c>dropped</c> (the application
/// was withdrawn or cancelled before the verification ended: none is made). <c>channel</c> says where it
/// was signed: <c>online</c>, or <c>window</c> (on paper before the clerk named in <c>witnessedBy</c>).
/// While the verification is out the step stays <c>approved</c> (its own due time and decision): the verification task's
/// due time and its acknowledgement by the department are here.
/// <c>verifyWithin</c> is in Chinese (<c>60 个工作日</c>), <c>verifyWithinEn</c> the same in English (<c>60 working days</c>).
/// </summary>
public sealed record CommitmentDto(
    string Text,
    string TextSha256,
    string VerifyWithin,
    string OnFailure,
    bool CanSign,
    string? Status,
    string? SignedBy,
    DateTimeOffset? SignedAt,
    DateTimeOffset? VerifyAt,
    DateTimeOffset? VerifiedAt,
    string? Reason,
    string? Channel = null,
    string? WitnessedBy = null,
    string? VerifyWithinEn = null)
{
    /// <summary>The verification task's due time at the department, once it went out (the step's own due time stays on the step).</summary>
    public DateTimeOffset? VerificationDueAt { get; init; }

    /// <summary>When the department acknowledged the verification task: null while it is on its way (or none went out).</summary>
    public DateTimeOffset? VerificationReceivedAt { get; init; }
}
