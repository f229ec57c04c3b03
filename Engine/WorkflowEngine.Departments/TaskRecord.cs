using System.Text.Json;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>A step as its department holds it: in a clerk's queue, or handled by an automated handler.</summary>
public sealed class TaskRecord
{
    public required Guid Id { get; init; }

    public required Guid ApplicationId { get; init; }

    public required string TrackingNumber { get; init; }

    /// <summary>The applicant's name as the engine sent it (<c>ExecuteStep.applicantName</c>), for a clerk to find the task by; null when it sent none.</summary>
    public string? ApplicantName { get; init; }

    public required string ServiceId { get; init; }

    public required string ServiceTitle { get; init; }

    /// <summary>The service's title in English, as the engine sent it (<c>ExecuteStep.serviceTitleEn</c>); null from older engines.</summary>
    public string? ServiceTitleEn { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required string Title { get; init; }

    /// <summary>The step's title in English, as the engine sent it (<c>ExecuteStep.titleEn</c>); null from older engines.</summary>
    public string? TitleEn { get; init; }

    /// <summary>The step's title in English where asked and the engine sent it, else in Chinese.</summary>
    public string TitleIn(bool english) => english ? TitleEn ?? Title : Title;

    /// <summary>The service's title in English where asked and the engine sent it, else in Chinese.</summary>
    public string ServiceTitleIn(bool english) => english ? ServiceTitleEn ?? ServiceTitle : ServiceTitle;

    public required string Status { get; set; }

    public string? Handler { get; init; }

    public bool Automated { get; set; }

    public required DateTimeOffset DispatchedAt { get; init; }

    /// <summary>The step's due time as the engine last announced it (at dispatch, then with every <c>StepDueChanged</c>).</summary>
    public required DateTimeOffset DueAt { get; set; }

    /// <summary>The revision of the engine's announcement <see cref="DueAt"/> comes from; 0 for the dispatch's.</summary>
    public int DueRevision { get; set; }

    /// <summary>Since when the step's clock stands still (an excluded period), while it does: the due time then waits.</summary>
    public DateTimeOffset? ClockPausedSince { get; set; }

    /// <summary>Why the clock stands still, in the applicant's words.</summary>
    public string? ClockPausedBecause { get; set; }

    /// <summary>What the clock stands still for: as the engine said, else (a task paused before it said) a supplement request still open, else an excluded period.</summary>
    public string ClockPausedFor => Clock?.PausedFor ?? (SupplementRequestedAt is not null && SupplementSuppliedAt is null ? "supplement" : "excluded");

    /// <summary>Why the clock stands still, in English where asked and the engine said it in English (a clerk's own words stay as written), else in Chinese; null when not said.</summary>
    public string? ClockPausedBecauseIn(bool english) => ClockPausedBecause is { } because && english ? Clock?.PausedBecauseEn ?? because : ClockPausedBecause;

    /// <summary>The calendar the engine dispatched the step on and the pauses that ended: JSON <see cref="TaskClock"/>; null on tasks from before it was kept.</summary>
    public string? ClockJson { get; set; }

    /// <summary>The calendar and the ended pauses (read from <see cref="ClockJson"/>).</summary>
    public TaskClock? Clock
    {
        get => ClockJson is null ? null : JsonSerializer.Deserialize<TaskClock>(ClockJson, MessageJson.Options);
        set => ClockJson = value is null ? null : JsonSerializer.Serialize(value, MessageJson.Options);
    }

    /// <summary>When the clerk last asked the applicant for supplementary material (补正).</summary>
    public DateTimeOffset? SupplementRequestedAt { get; set; }

    /// <summary>
    /// How many supplement requests went to the engine; a task that had one before this was counted reads 0 with
    /// <see cref="SupplementRequestedAt"/> set (see <see cref="SupplementsSent"/>).
    /// </summary>
    public int SupplementRequests { get; set; }

    /// <summary>The requests for a further supplement request a supervisor must approve, oldest first: JSON list of <see cref="SupplementApprovalRequest"/>.</summary>
    public string? SupplementApprovalsJson { get; set; }

    /// <summary>Since when a request for a further supplement request waits for a supervisor, while one does.</summary>
    public DateTimeOffset? SupplementApprovalAskedAt { get; set; }

    /// <summary>How many supplement requests went to the engine.</summary>
    public int SupplementsSent => Math.Max(SupplementRequests, SupplementRequestedAt is null ? 0 : 1);

    /// <summary>The requests for a further supplement request, oldest first (read from <see cref="SupplementApprovalsJson"/>).</summary>
    public IReadOnlyList<SupplementApprovalRequest> SupplementApprovals =>
        SupplementApprovalsJson is null ? [] : JsonSerializer.Deserialize<SupplementApprovalRequest[]>(SupplementApprovalsJson, MessageJson.Options)!;

    /// <summary>What the last request asked for: JSON <c>{ items: [{ material, reason }], note }</c>.</summary>
    public string? SupplementJson { get; set; }

    /// <summary>When the applicant had supplied every item (the task's materials are then the new versions).</summary>
    public DateTimeOffset? SupplementSuppliedAt { get; set; }

    /// <summary>The card the engine gave the step, if any: <c>yellow</c>, then <c>red</c>.</summary>
    public string? Warning { get; set; }

    /// <summary>Its place in the queue before the due time: 0 normal, 1 加急 (high), 2 特急 (urgent); raised by escalation rules.</summary>
    public int Priority { get; set; }

    /// <summary>Since when the department's supervisors supervise the task (督办), by an escalation rule.</summary>
    public DateTimeOffset? SupervisedAt { get; set; }

    /// <summary>Why it is supervised, in the supervisor's words.</summary>
    public string? SupervisedBecause { get; set; }

    /// <summary>The same in English, as the engine sent it; null for a task supervised before it was kept, or by an older engine.</summary>
    public string? SupervisedBecauseEn { get; set; }

    /// <summary>Why it is supervised in English where asked and known, else in Chinese; null when not supervised.</summary>
    public string? SupervisedBecauseIn(bool english) => english ? SupervisedBecauseEn ?? SupervisedBecause : SupervisedBecause;

    public required DateTimeOffset ReceivedAt { get; init; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Outcome { get; set; }

    public string? Reason { get; set; }

    public string? OutputsJson { get; set; }

    public bool? OnTime { get; set; }

    /// <summary>The <c>ExecuteStep</c> message as received, but for its form (kept once per application): the application for the clerk's page.</summary>
    public required string PayloadJson { get; init; }

    /// <summary>The material versions the step came with (JSON list of <c>MaterialVersion</c>): its decision reports them back.</summary>
    public string? MaterialsJson { get; set; }

    /// <summary>
    /// The commitment the applicant signed on paper at the window, when the clerk approved the task on it (JSON
    /// <c>CommitmentSignature</c>): every report of the decision carries it.
    /// </summary>
    public string? CommitmentJson { get; set; }

    /// <summary>Why a task is as it is (cancelled by the engine, sent to a clerk because no handler was found, …).</summary>
    public string? Note { get; set; }

    /// <summary><see cref="Note"/> in English where it was said in English too (a <c>CancelStep</c>'s <c>reasonEn</c>); else null.</summary>
    public string? NoteEn { get; set; }

    /// <summary><see cref="Note"/> in English where asked and said, else in Chinese.</summary>
    public string? NoteIn(bool english) => english ? NoteEn ?? Note : Note;
}
