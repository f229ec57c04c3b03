using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Execution;

/// <summary>An effect the shell carries out in the same transaction as the new state.</summary>
public abstract record EngineCommand;

/// <summary>
/// Send a step to its department's queue; <paramref name="MaxExtension"/> is how far its limit may be extended in all.
/// With <see cref="Verification"/> it is the verification (事后核查) of a step approved on commitment.
/// </summary>
public sealed record DispatchStep(
    string StepId,
    int Attempt,
    string Department,
    LocalizedText Title,
    string? Handler,
    WorkingTimeLimit Limit,
    DateTimeOffset DispatchedAt,
    DateTimeOffset DueAt,
    IReadOnlyList<string> Materials,
    WorkingTimeLimit? MaxExtension = null) : EngineCommand
{
    public CommitmentCheck? Verification { get; init; }

    /// <summary>Set when <see cref="DueAt"/> is counted through a year with no holiday arrangement loaded (暂定).</summary>
    public ProvisionalDue? Provisional { get; init; }

    /// <summary>The step's statutory limit (法定时限) and its due time on the same clock; null where the step has none.</summary>
    public StatutoryDue? Statutory { get; init; }
}

/// <summary>Tell a department a step it holds is no longer needed (a sibling was rejected, or a join was met).</summary>
public sealed record RecallStep(string StepId, int Attempt, string Department, string Reason) : EngineCommand
{
    /// <summary><see cref="Reason"/> in English, where the engine has it.</summary>
    public string? ReasonEn { get; init; }
}

/// <summary>
/// Tell the department holding a step that its due time moved (an excluded period began or ended, an extension was
/// added): <paramref name="DueAt"/> is absent while the clock stands still since <paramref name="PausedSince"/>;
/// <paramref name="Revision"/> grows with every change, so the department keeps the newest.
/// </summary>
public sealed record AnnounceDue(
    string StepId, int Attempt, string Department, int Revision, DateTimeOffset? DueAt, DateTimeOffset? PausedSince, string? PausedBecause) : EngineCommand
{
    /// <summary>Set when <see cref="DueAt"/> is counted through a year with no holiday arrangement loaded (暂定); absent once it is loaded.</summary>
    public ProvisionalDue? Provisional { get; init; }

    /// <summary>The step's statutory limit and its new due time; null where the step has none.</summary>
    public StatutoryDue? Statutory { get; init; }

    /// <summary>The worse card the step's clock shows now against its limits; null where not worked out (a verification task).</summary>
    public WarningLevel? Card { get; init; }

    /// <summary>Which limit <see cref="Card"/> is against (<see cref="Clocks.WarningLimits"/>); null with no card.</summary>
    public string? CardLimit { get; init; }

    /// <summary>While the clock stands still: why (<see cref="PauseReason"/>), and when an excluded period ends by itself, if known.</summary>
    public PauseReason? PausedFor { get; init; }

    /// <summary>When the pause ends by itself (an excluded period with a set end); null when not known or not paused.</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Why the clock stands still, in English, where known.</summary>
    public string? PausedBecauseEn { get; init; }
}

/// <summary>
/// Tell the department holding a step that its yellow or red card was given (红黄牌预警); with a
/// <paramref name="Scope"/> (<see cref="Clocks.WarningScopes"/>), that the stage it is part of or the whole bundle got that
/// card, named by <paramref name="ScopeTitle"/>.
/// </summary>
public sealed record AnnounceWarning(
    string StepId, int Attempt, string Department, WarningLevel Level, string Limit, DateTimeOffset DueAt, string? Scope = null, string? ScopeTitle = null)
    : EngineCommand
{
    /// <summary>Set when <see cref="DueAt"/> is counted through a year with no holiday arrangement loaded (暂定).</summary>
    public ProvisionalDue? Provisional { get; init; }

    /// <summary><paramref name="ScopeTitle"/> in English, where the definition gives it.</summary>
    public string? ScopeTitleEn { get; init; }

    /// <summary>
    /// The application's tracking number, for the bundle's card told to the department approving its extensions, which
    /// may hold no task of it (<paramref name="Attempt"/> 0, <paramref name="StepId"/> the flow's id).
    /// </summary>
    public string? TrackingNumber { get; init; }
}

/// <summary>
/// Tell the department holding a step that an escalation rule applies to it (升级督办): <paramref name="Priority"/> is the
/// priority its queue gives it from now on, if the rule raises it; <paramref name="Supervise"/> has the supervisors
/// supervise it; <paramref name="Reason"/> says why, in the supervisor's words.
/// </summary>
public sealed record AnnounceEscalation(
    string StepId, int Attempt, string Department, string Clock, int Rule, string Card, string? Priority, bool Supervise, string Reason, DateTimeOffset DueAt)
    : EngineCommand
{
    /// <summary>Set when <see cref="DueAt"/> is counted through a year with no holiday arrangement loaded (暂定).</summary>
    public ProvisionalDue? Provisional { get; init; }

    /// <summary><see cref="Reason"/> in English.</summary>
    public string? ReasonEn { get; init; }
}

/// <summary>Tell the department holding a step that the applicant supplied what its supplement request asked for.</summary>
public sealed record AnnounceSupplied(
    string StepId, int Attempt, string Department, Guid RequestId, IReadOnlyList<string> Versions, int Revision, DateTimeOffset? DueAt) : EngineCommand
{
    /// <summary>Set when <see cref="DueAt"/> is counted through a year with no holiday arrangement loaded (暂定).</summary>
    public ProvisionalDue? Provisional { get; init; }

    /// <summary>The step's statutory limit and its due time now that the clock runs again; null where the step has none.</summary>
    public StatutoryDue? Statutory { get; init; }

    /// <summary>The form fields the request asked to correct, whose new answers go to the department; null when it named none.</summary>
    public IReadOnlyList<string>? Fields { get; init; }
}

/// <summary>
/// Tell the department holding a step that a material the step uses, accepted late (容缺), has come:
/// <paramref name="Version"/> is its upload (<c>key@vN</c>).
/// </summary>
public sealed record AnnounceMaterial(string StepId, int Attempt, string Department, string Material, string Version) : EngineCommand;

/// <summary>
/// Tell the department holding a step that the engine refused its supplement request <paramref name="RequestId"/>
/// (made at <paramref name="RequestedAt"/>) and why: the clock runs on and the applicant was not asked.
/// </summary>
public sealed record AnnounceSupplementRefused(
    string StepId, int Attempt, string Department, Guid RequestId, DateTimeOffset RequestedAt, string Reason) : EngineCommand;

/// <summary>
/// Tell the department that reported a commitment signed at its window that the engine did not approve the step on it,
/// and why: the step is not decided and goes back to the clerk.
/// </summary>
public sealed record AnnounceCommitmentRefused(string StepId, int Attempt, string Department, string Reason) : EngineCommand
{
    /// <summary><see cref="Reason"/> in English.</summary>
    public string? ReasonEn { get; init; }
}

/// <summary>
/// Keep both views of a decided department step's compliance: the host's as reported (null when it sent none) and the
/// engine's recomputation, with every kind of disagreement (<see cref="ComplianceKinds"/>), for every decision reported,
/// agreeing or not. <paramref name="SentAt"/> is when the host says it sent the report (null from older hosts),
/// <paramref name="ReportedAt"/> when the decision reached the engine.
/// </summary>
public sealed record RecordCompliance(
    string StepId,
    int Attempt,
    string Department,
    DateTimeOffset DispatchedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset ReportedAt,
    ComplianceView Engine,
    ComplianceView? Host,
    bool? ReportedOnTime,
    IReadOnlyList<string> Kinds) : EngineCommand;

public sealed record ScheduleTimer(string TimerId, string NodeId, DateTimeOffset DueAt) : EngineCommand;

public sealed record CancelTimer(string TimerId) : EngineCommand;

/// <summary>
/// A message to the applicant, shown in their tracking page: <paramref name="Message"/> in Chinese and
/// <see cref="MessageEn"/> the same in English, for a reader of the English pages (null where there is none).
/// </summary>
public sealed record NotifyApplicant(string Kind, string Message) : EngineCommand
{
    public string? MessageEn { get; init; }

    /// <summary>A notice the engine writes, in both languages.</summary>
    public static NotifyApplicant Of(string kind, string chinese, string english) => new(kind, chinese) { MessageEn = english };
}

/// <summary>Certificates handed out together at the unified window (统一发证).</summary>
public sealed record IssueCertificates(string StepId, IReadOnlyList<IssuedCertificate> Certificates) : EngineCommand;

/// <summary>
/// Every certificate issued to the application is void (作废): the bundle does not end approved (refused, ended, or an
/// approval on commitment it rested on revoked), and <paramref name="Reason"/> says why.
/// </summary>
public sealed record RevokeCertificates(string Reason) : EngineCommand
{
    /// <summary><see cref="Reason"/> in English, for a reader who chose English.</summary>
    public string? ReasonEn { get; init; }
}

/// <summary>The whole application reached its end; <see cref="ReasonEn"/> is <paramref name="Reason"/> in English.</summary>
public sealed record CompleteApplication(WorkflowStatus Status, string? Reason) : EngineCommand
{
    public string? ReasonEn { get; init; }
}
