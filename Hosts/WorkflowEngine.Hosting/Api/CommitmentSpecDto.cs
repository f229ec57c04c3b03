namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// In the one-time notice: the step may be approved on the applicant's commitment (告知承诺制) — the text to sign, how
/// long after the approval the department verifies it, and what a failed verification does (<c>revoke-step</c> or
/// <c>end-application</c>).
/// </summary>
public sealed record CommitmentSpecDto(string Text, string TextSha256, string VerifyWithin, string OnFailure);
