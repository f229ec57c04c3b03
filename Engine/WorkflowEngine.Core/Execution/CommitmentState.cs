using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// Department tasks: the applicant's signed commitment (告知承诺) the step was approved on, and its verification
/// (事后核查). <see cref="TextSha256"/> is the hash of the exact words signed.
/// </summary>
public sealed record CommitmentState(string TextSha256, string SignedBy, DateTimeOffset SignedAt, DateTimeOffset VerifyAt)
{
    /// <summary>The verification timer is named after its step with this suffix (<c>archives-acceptance:verify</c>).</summary>
    public const string TimerSuffix = ":verify";

    /// <summary>Signed by the applicant on the portal or the API.</summary>
    public const string OnlineChannel = "online";

    /// <summary>Signed on paper at the service window, before a clerk of the department.</summary>
    public const string WindowChannel = "window";

    /// <summary>
    /// Signed on paper at the comprehensive window (综合窗口) by a citizen who walked in, before the window staff who
    /// recorded it: the department's task is dropped as for a signature online.
    /// </summary>
    public const string IntakeWindowChannel = "intake-window";

    /// <summary>Where it was signed: <see cref="OnlineChannel"/>, <see cref="WindowChannel"/> or <see cref="IntakeWindowChannel"/>.</summary>
    public string Channel { get; init; } = OnlineChannel;

    /// <summary>Who witnessed a signature on paper: the clerk who approved the step on it, or the window staff who recorded it.</summary>
    public string? WitnessedBy { get; init; }

    /// <summary>A paper signature's identity document number, masked.</summary>
    public string? SignerId { get; init; }

    public CommitmentStatus Status { get; init; } = CommitmentStatus.AwaitingVerification;

    /// <summary>The dispatch (attempt) that carries the verification task to the department.</summary>
    public int? VerificationAttempt { get; init; }

    /// <summary>When the verification task was first sent: its clock starts there.</summary>
    public DateTimeOffset? VerificationDispatchedAt { get; init; }

    public DateTimeOffset? VerificationDueAt { get; init; }

    /// <summary>
    /// The verification task's clock log: started at its dispatch, recounted when a year's calendar moved it, stopped when
    /// the department decided it or it was dropped. Null before the task went out, and in states written before it was
    /// kept (<see cref="VerificationClockEvents"/> reads those from the dispatch).
    /// </summary>
    public IReadOnlyList<ClockEvent>? VerificationClock { get; init; }

    /// <summary>The verification task's clock log, as kept or, for a task sent before it was, started at its dispatch; empty before it went out.</summary>
    public IReadOnlyList<ClockEvent> VerificationClockEvents() =>
        VerificationClock ?? (VerificationDispatchedAt is { } dispatched ? [ClockEvent.Started(dispatched)] : []);

    /// <summary>The log with one more entry.</summary>
    public CommitmentState WithVerificationClock(ClockEvent entry) => this with { VerificationClock = [.. VerificationClockEvents(), entry] };

    /// <summary>
    /// The verification task's statutory due time (法定时限) as its department was last told it; null without that limit,
    /// and in states written before it was kept.
    /// </summary>
    public DateTimeOffset? VerificationStatutoryDueAt { get; init; }

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
