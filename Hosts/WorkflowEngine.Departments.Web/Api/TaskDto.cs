namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A clerk's task; <c>clock</c> is running, paused (an excluded period: the due time waits) or stopped (decided or recalled);
/// <c>commitment</c> the commitment signed on paper at the window it was approved on (按承诺审批), if it was;
/// <c>warningProvisional</c> true when the due time the <c>warning</c> card warns of is provisional (暂定), and
/// <c>warningProvisionalReason</c> why.
/// <c>pausedUntil</c> when an excluded period is expected to end, where its clerk gave the end.
/// <c>applicantName</c> the applicant's name as the engine sent it with the step; null from older engines.
/// <c>supervisedBecauseEn</c> why the task is supervised in English, beside <c>supervisedBecause</c>, where the engine
/// said it in English (<c>StepEscalated.reasonEn</c>); null on a task supervised before the department kept it.
/// <c>titleEn</c> and <c>serviceTitleEn</c> the step's and the service's titles in English as the engine sent them
/// (<c>ExecuteStep.titleEn</c>, <c>serviceTitleEn</c>); <c>noteEn</c> the <c>note</c> in English where it was said in
/// English (a recall's <c>reasonEn</c>, a refused approval on commitment); <c>pausedBecauseEn</c> why the clock stands still
/// in English where the engine said it (<c>StepDueChanged.pausedBecauseEn</c>; a clerk's own words stay as written).
/// Each is null where not said in English (older engines, tasks kept before): show the Chinese beside it.
/// <c>claimedByName</c> and <c>completedByName</c> the names (as the host's user directory keeps them, e.g. 张三) of
/// <c>claimedBy</c> and <c>completedBy</c>, the login ids; the login id itself where the directory keeps no name for it
/// (a deleted user, a service account, a clerk of a department's own system); null where the id is.
/// </summary>
public sealed record TaskDto(
    Guid Id,
    Guid ApplicationId,
    string TrackingNumber,
    string ServiceId,
    string ServiceTitle,
    string StepId,
    int Attempt,
    string Department,
    string Title,
    string Status,
    bool Automated,
    string? Handler,
    DateTimeOffset DispatchedAt,
    DateTimeOffset DueAt,
    string? ClaimedBy,
    DateTimeOffset? ClaimedAt,
    string? CompletedBy,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    string? Reason,
    bool? OnTime,
    string? Note,
    string Clock,
    DateTimeOffset? PausedSince,
    string? PausedBecause,
    string Warning,
    TaskSupplementDto? Supplement,
    int SupplementRequests,
    IReadOnlyList<SupplementApprovalDto> SupplementApprovals,
    string Priority,
    DateTimeOffset? SupervisedAt,
    string? SupervisedBecause,
    WorkflowEngine.Contracts.CommitmentSignature? Commitment = null,
    bool Provisional = false,
    string? ProvisionalReason = null,
    IReadOnlyList<int>? ProvisionalYears = null,
    bool WarningProvisional = false,
    string? WarningProvisionalReason = null,
    DateTimeOffset? PausedUntil = null,
    string? ApplicantName = null,
    string? SupervisedBecauseEn = null,
    string? TitleEn = null,
    string? ServiceTitleEn = null,
    string? NoteEn = null,
    string? PausedBecauseEn = null,
    string? ClaimedByName = null,
    string? CompletedByName = null);
