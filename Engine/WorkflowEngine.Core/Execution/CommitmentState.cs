namespace WorkflowEngine.Core.Execution;

/// <summary>
/// Department tasks: the applicant's signed commitment (告知承诺) the step was approved on, and its verification
/// (事后核查). <see cref="TextSha256"/> is the hash of the exact words signed.
/// </summary>
public sealed record CommitmentState(string TextSha256, string SignedBy, DateTimeOffset SignedAt, DateTimeOffset VerifyAt)
{
    /// <summary>The verification timer is named after its step with this suffix (<c>archives-acceptance:verify</c>).</summary>
    public const string TimerSuffix = ":verify";

    public CommitmentStatus Status { get; init; } = CommitmentStatus.AwaitingVerification;

    /// <summary>The dispatch (attempt) that carries the verification task to the department.</summary>
    public int? VerificationAttempt { get; init; }

    /// <summary>When the verification task was first sent: its clock starts there.</summary>
    public DateTimeOffset? VerificationDispatchedAt { get; init; }

    public DateTimeOffset? VerificationDueAt { get; init; }

    /// <summary>How often the verification task's due time was announced again after its dispatch (a year loaded): its department keeps the newest.</summary>
    public int VerificationDueRevision { get; init; }

    /// <summary>When the verification task was last sent (first sent, or sent again because nothing came back).</summary>
    public DateTimeOffset? VerificationSentAt { get; init; }

    /// <summary>When the department acknowledged the verification task (it is in its clerks' queue).</summary>
    public DateTimeOffset? VerificationReceivedAt { get; init; }

    /// <summary>When the department last reported anything about the verification task.</summary>
    public DateTimeOffset? VerificationHeardAt { get; init; }

    /// <summary>How often the verification task was sent again.</summary>
    public int VerificationResends { get; init; }

    public string? VerifiedBy { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Why the verification failed, as the department recorded it.</summary>
    public string? Reason { get; init; }
}
