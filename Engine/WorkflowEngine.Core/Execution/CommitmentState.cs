namespace WorkflowEngine.Core.Execution;

/// <summary>
/// Department tasks: the applicant's signed commitment (告知承诺) the step was approved on, and its verification
/// (事后核查). <see cref="TextSha256"/> is the hash of the exact words signed.
/// </summary>
public sealed record CommitmentState(string TextSha256, string SignedBy, DateTimeOffset SignedAt, DateTimeOffset VerifyAt)
{
    public CommitmentStatus Status { get; init; } = CommitmentStatus.AwaitingVerification;

    /// <summary>The dispatch (attempt) that carries the verification task to the department.</summary>
    public int? VerificationAttempt { get; init; }

    public DateTimeOffset? VerificationDueAt { get; init; }

    public string? VerifiedBy { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Why the verification failed, as the department recorded it.</summary>
    public string? Reason { get; init; }
}
