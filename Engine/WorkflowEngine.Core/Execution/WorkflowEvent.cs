using System.Text.Json.Serialization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// Something that happened to an application, applied by the interpreter. Events are stored (with their type name) when
/// an incident holds them until an administrator retries.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(WorkflowStartedEvent), "started")]
[JsonDerivedType(typeof(StepReceivedEvent), "received")]
[JsonDerivedType(typeof(StepResendEvent), "resend")]
[JsonDerivedType(typeof(StepClaimedEvent), "claimed")]
[JsonDerivedType(typeof(StepReleasedEvent), "released")]
[JsonDerivedType(typeof(StepCompletedEvent), "completed")]
[JsonDerivedType(typeof(StepExclusionStartedEvent), "exclusionStarted")]
[JsonDerivedType(typeof(StepExclusionEndedEvent), "exclusionEnded")]
[JsonDerivedType(typeof(StepExclusionEndChangedEvent), "exclusionEndChanged")]
[JsonDerivedType(typeof(StepExtendedEvent), "extended")]
[JsonDerivedType(typeof(StepSupplementRequestedEvent), "supplement-requested")]
[JsonDerivedType(typeof(StepSupplementedEvent), "supplemented")]
[JsonDerivedType(typeof(SupplementFieldsCorrectedEvent), "supplement-fields-corrected")]
[JsonDerivedType(typeof(TimerFiredEvent), "timer")]
[JsonDerivedType(typeof(WorkflowCancelledEvent), "cancelled")]
[JsonDerivedType(typeof(WorkflowWithdrawnEvent), "withdrawn")]
[JsonDerivedType(typeof(DeferredMaterialSuppliedEvent), "deferred-supplied")]
[JsonDerivedType(typeof(DeferredMaterialOverdueEvent), "deferred-overdue")]
[JsonDerivedType(typeof(CalendarChangedEvent), "calendar-changed")]
[JsonDerivedType(typeof(CommitmentSignedEvent), "commitment-signed")]
[JsonDerivedType(typeof(ClockExtensionRequestedEvent), "clock-extension-requested")]
[JsonDerivedType(typeof(ClockExtensionDecidedEvent), "clock-extension-decided")]
public abstract record WorkflowEvent;

/// <summary>The application was accepted (受理) and its flow starts; <see cref="Deferred"/> are the required materials it was accepted without (容缺).</summary>
public sealed record WorkflowStartedEvent : WorkflowEvent
{
    public IReadOnlyList<string>? Deferred { get; init; }
}

/// <summary>The applicant uploaded a material the application was accepted without (容缺).</summary>
public sealed record DeferredMaterialSuppliedEvent(string Material, string Version, string SuppliedBy, DateTimeOffset SuppliedAt) : WorkflowEvent;

/// <summary>
/// The application's calendar changed (an administrator loaded a year's holiday arrangement): every clock still
/// running is counted again on it. <see cref="Note"/> says what changed, as the applicant and the clerk read it;
/// <see cref="Year"/> is the year loaded, so that a due time counted through it, which was provisional, is announced
/// again even where it did not move.
/// </summary>
public sealed record CalendarChangedEvent(string CalendarId, string Note, string Actor, int? Year = null) : WorkflowEvent;

/// <summary>
/// Told to a stage by the interpreter itself when its clock paused or resumed with the steps under it: its due time
/// moved. Never stored nor sent; it lives inside one interpreter call.
/// </summary>
public sealed record EnclosedStepsChangedEvent : WorkflowEvent;

/// <summary>
/// A supervisor of a department with a step in the application asks to extend the bundle's clock (<paramref name="StageId"/>
/// null) or a stage's by <paramref name="Added"/>, for <paramref name="Reason"/> (行政许可法 Art. 42).
/// </summary>
public sealed record ClockExtensionRequestedEvent(
    Guid ExtensionId, string? StageId, WorkingTimeLimit Added, string Reason, string RequestedBy, string RequestedDepartment) : WorkflowEvent;

/// <summary>A supervisor of the approver department approves or refuses a request to extend a bundle's or stage's clock.</summary>
public sealed record ClockExtensionDecidedEvent(Guid ExtensionId, bool Approved, string Reason, string DecidedBy, string DecidedDepartment) : WorkflowEvent;

/// <summary>Told to each step using a deferred material that its due time passed: the step's clock stands still.</summary>
public sealed record DeferredMaterialOverdueEvent(string Material) : WorkflowEvent;

/// <summary>A report from a department about a step it holds; <see cref="Department"/> says who sent it.</summary>
public abstract record StepReportEvent(string StepId, int Attempt) : WorkflowEvent
{
    /// <summary>The reporting department; a report from another department than the step's is ignored.</summary>
    public string? Department { get; init; }
}

/// <summary>The owning department holds the step (its acknowledgement of the dispatch).</summary>
public sealed record StepReceivedEvent(string StepId, int Attempt, DateTimeOffset ReceivedAt) : StepReportEvent(StepId, Attempt);

/// <summary>
/// The engine heard nothing back about a dispatched step for too long and sends it again (same attempt): the
/// department host de-duplicates it, and answers with where the step stands. Not a report, so from no department.
/// </summary>
public sealed record StepResendEvent(string StepId, int Attempt, string Reason) : StepReportEvent(StepId, Attempt);

/// <summary>An administrator cancelled the whole application (e.g. an incident that cannot be repaired).</summary>
public sealed record WorkflowCancelledEvent(string Reason, string Actor) : WorkflowEvent;

/// <summary>The applicant withdrew the application (撤回) before it was decided; <paramref name="Reason"/> as they typed it, if they gave one.</summary>
public sealed record WorkflowWithdrawnEvent(string? Reason, string Actor) : WorkflowEvent
{
    /// <summary>Whom <see cref="Actor"/>, of the window staff, withdrew it for (a walk-in citizen); null when the applicant did.</summary>
    public string? OnBehalfOf { get; init; }
}

/// <summary>A clerk of the owning department claimed the step.</summary>
public sealed record StepClaimedEvent(string StepId, int Attempt, string ClaimedBy, DateTimeOffset ClaimedAt, string? AssignedBy = null) : StepReportEvent(StepId, Attempt);

/// <summary>The clerk holding the step gave it back to the department's queue; <paramref name="ClaimedAt"/> names the claim.</summary>
public sealed record StepReleasedEvent(string StepId, int Attempt, string ReleasedBy, DateTimeOffset ReleasedAt, DateTimeOffset ClaimedAt)
    : StepReportEvent(StepId, Attempt);

/// <summary>
/// A clerk recorded a period the step's limit does not count (testing, inspection, expert review, hearing);
/// <paramref name="KindName"/> is its name as the applicant reads it (<see cref="KindNameEn"/> in English),
/// <paramref name="Until"/> its end when known.
/// </summary>
public sealed record StepExclusionStartedEvent(
    string StepId, int Attempt, string Kind, string KindName, string Reason, DateTimeOffset? Until, string StartedBy, DateTimeOffset StartedAt)
    : StepReportEvent(StepId, Attempt)
{
    public string? KindNameEn { get; init; }
}

/// <summary>The step's excluded period is over: its clock runs again.</summary>
public sealed record StepExclusionEndedEvent(string StepId, int Attempt, string EndedBy, DateTimeOffset EndedAt) : StepReportEvent(StepId, Attempt);

/// <summary>The step's excluded period, still under way, now ends by itself at <paramref name="Until"/> (set or moved by a clerk).</summary>
public sealed record StepExclusionEndChangedEvent(string StepId, int Attempt, DateTimeOffset Until, string ChangedBy, DateTimeOffset ChangedAt)
    : StepReportEvent(StepId, Attempt);

/// <summary>
/// A supervisor of the department approved a clerk's request for more time: <paramref name="Added"/> is added to the
/// step's clock. <paramref name="ExtensionId"/> is the department's request.
/// </summary>
public sealed record StepExtendedEvent(
    string StepId, int Attempt, Guid ExtensionId, WorkingTimeLimit Added, string Reason, string RequestedBy, string ApprovedBy, DateTimeOffset ApprovedAt)
    : StepReportEvent(StepId, Attempt);

/// <summary>
/// A clerk asked the applicant for supplementary material (补正): every item in one request; the step's clock stands
/// still until the applicant has supplied them all. Every request after the step's first carries a supervisor's
/// <see cref="Approval"/>.
/// </summary>
public sealed record StepSupplementRequestedEvent(
    string StepId, int Attempt, Guid RequestId, IReadOnlyList<SupplementRequestItem> Items, string? Note, string RequestedBy, DateTimeOffset RequestedAt)
    : StepReportEvent(StepId, Attempt)
{
    public SupplementRequestApproval? Approval { get; init; }
}

/// <summary>
/// The applicant corrected <paramref name="Fields"/> of the combined form that the step's open supplement request
/// <paramref name="RequestId"/> asked about: the engine has already replaced the answers (and audited them,
/// <c>FormCorrected</c>); the request remembers them, so that it is answered once its materials have come too. Raised by
/// the engine itself.
/// </summary>
public sealed record SupplementFieldsCorrectedEvent(string StepId, int Attempt, Guid RequestId, IReadOnlyList<string> Fields)
    : StepReportEvent(StepId, Attempt);

/// <summary>
/// The applicant supplied every item the step's supplement request asked for: <paramref name="Versions"/> are the new
/// versions (<c>key@vN</c>). Raised by the engine itself, not by a department.
/// </summary>
public sealed record StepSupplementedEvent(string StepId, int Attempt, Guid RequestId, IReadOnlyList<string> Versions, string SuppliedBy, DateTimeOffset SuppliedAt)
    : StepReportEvent(StepId, Attempt)
{
    /// <summary>Whom <see cref="SuppliedBy"/>, of the window staff, supplied them for (a walk-in citizen); null when the applicant did.</summary>
    public string? OnBehalfOf { get; init; }
}

/// <summary>
/// The applicant signed the step's commitment (告知承诺书): <paramref name="TextSha256"/> is the hash of the words signed,
/// which must be the definition's. Signed online, the engine raises it itself; signed on paper at the service window,
/// the department reports it with its decision (<see cref="Channel"/> <see cref="CommitmentState.WindowChannel"/>, a
/// <see cref="WitnessedBy"/> clerk, and <see cref="StepReportEvent.Department"/>).
/// </summary>
public sealed record CommitmentSignedEvent(string StepId, int Attempt, string TextSha256, string SignedBy, DateTimeOffset SignedAt)
    : StepReportEvent(StepId, Attempt)
{
    /// <summary><see cref="CommitmentState.OnlineChannel"/> unless the department reports a paper signature.</summary>
    public string Channel { get; init; } = CommitmentState.OnlineChannel;

    /// <summary>The clerk who witnessed a signature on paper.</summary>
    public string? WitnessedBy { get; init; }

    /// <summary>The signer's identity document number as written on the paper, masked but for its first and last digits.</summary>
    public string? SignerId { get; init; }

    /// <summary>Whom the window staff who witnessed it recorded the signature for (a walk-in citizen, <see cref="CommitmentState.IntakeWindowChannel"/>).</summary>
    public string? OnBehalfOf { get; init; }
}

/// <summary>The owning department decided the step; <see cref="ReportedOnTime"/> is the host's view of compliance.</summary>
public sealed record StepCompletedEvent(
    string StepId,
    int Attempt,
    StepOutcome Outcome,
    string? Reason,
    IReadOnlyDictionary<string, string>? Outputs,
    string? CompletedBy,
    DateTimeOffset CompletedAt,
    bool? ReportedOnTime) : StepReportEvent(StepId, Attempt)
{
    /// <summary>The material versions the department decided on, as <c>key@vN</c>.</summary>
    public IReadOnlyList<string>? Materials { get; init; }

    /// <summary>The host's own instants and working time; null when it sent none (an older host: "not reported").</summary>
    public Compliance.ComplianceView? Compliance { get; init; }

    /// <summary>When the host says it sent the report; null from older hosts.</summary>
    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>A timer the flow scheduled came due.</summary>
public sealed record TimerFiredEvent(string TimerId, string NodeId) : WorkflowEvent;
