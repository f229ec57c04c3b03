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

    /// <summary>What a request still unanswered after <see cref="AnswerWithin"/> does.</summary>
    public SupplementExpiry OnExpiry { get; init; } = SupplementExpiry.Withdraw;

    public WorkingTimeLimit Window => RequestWithin ?? StatutoryWindow;
}

/// <summary>The end of a supplement request the applicant left unanswered.</summary>
public enum SupplementExpiry
{
    /// <summary>The application is deemed withdrawn (视为撤回申请): it ends, and every department drops its steps.</summary>
    Withdraw,

    /// <summary>Only the step is refused (不予受理), with the reason; the flow goes on as the definition says for a refusal.</summary>
    RejectStep,
}
