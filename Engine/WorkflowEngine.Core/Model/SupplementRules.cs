using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>
/// The definition's rules for supplement requests (补正, 行政许可法 Art. 32): how long after receipt a department may
/// ask, how long the applicant then has, and what an unanswered request does.
/// </summary>
public sealed record SupplementRules
{
    /// <summary>The law's window: a request comes within five working days of receipt, or not at all.</summary>
    public static readonly WorkingTimeLimit StatutoryWindow = WorkingTimeLimit.Days(5);

    /// <summary>How long after receipt a clerk may ask; <see cref="StatutoryWindow"/> when absent, never longer.</summary>
    public WorkingTimeLimit? RequestWithin { get; init; }

    /// <summary>How long the applicant has to supply every item; absent, a request waits for as long as it takes.</summary>
    public WorkingTimeLimit? AnswerWithin { get; init; }

    /// <summary>One working day before a request's answer-by, when the definition says nothing (as for 容缺 materials).</summary>
    public static readonly WorkingTimeLimit DefaultRemindBefore = WorkingTimeLimit.Days(1);

    /// <summary>How long before a request's answer-by the applicant is reminded, while anything of it is still missing.</summary>
    public WorkingTimeLimit? RemindBefore { get; init; }

    public WorkingTimeLimit Reminder => RemindBefore ?? DefaultRemindBefore;

    /// <summary>What a request still unanswered after <see cref="AnswerWithin"/> does.</summary>
    public SupplementExpiry OnExpiry { get; init; } = SupplementExpiry.Withdraw;

    /// <summary>
    /// How many requests a step may have in all, the first included; each after the first needs the approval of a
    /// supervisor of the department. <see cref="DefaultMaxRequests"/> when absent.
    /// </summary>
    public int? MaxRequests { get; init; }

    /// <inheritdoc cref="SupplementRequests.DefaultMax"/>
    public const int DefaultMaxRequests = SupplementRequests.DefaultMax;

    /// <summary>The most a definition may allow: a request told in many rounds is no longer "一次性告知".</summary>
    public const int MostRequests = 5;

    public WorkingTimeLimit Window => RequestWithin ?? StatutoryWindow;

    /// <summary>
    /// Until when a department may ask for supplementary material on a step dispatched to it at <paramref name="dispatchedAt"/>:
    /// <see cref="Window"/> in working time on the definition's calendar. The one rule for both sides: the department
    /// learns this instant with the step (<c>ExecuteStep.supplementBy</c>) and refuses a later request first, and the
    /// engine refuses one that reaches it anyway unless a supervisor approved it. Counted from the dispatch rather than
    /// the department's acknowledgement: a delivery delay on the government's side must not make the applicant wait
    /// longer to learn what is missing, and the instant is known before the department acknowledges.
    /// </summary>
    public DateTimeOffset RequestBy(WorkingCalendar calendar, DateTimeOffset dispatchedAt) => calendar.Add(dispatchedAt, Window);

    public int MaxRequestsOrDefault => MaxRequests ?? DefaultMaxRequests;
}

/// <summary>The end of a supplement request the applicant left unanswered.</summary>
public enum SupplementExpiry
{
    /// <summary>The application is deemed withdrawn (视为撤回申请): it ends, and every department drops its steps.</summary>
    Withdraw,

    /// <summary>Only the step is refused (不予受理), with the reason; the flow goes on as the definition says for a refusal.</summary>
    RejectStep,
}
