using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>
/// The definition's rules for materials accepted late (容缺受理): when the applicant is reminded of one still to come,
/// and what its due time passing does.
/// </summary>
public sealed record DeferralRules
{
    /// <summary>One working day before the due time, when the definition says nothing.</summary>
    public static readonly WorkingTimeLimit DefaultRemindBefore = WorkingTimeLimit.Days(1);

    /// <summary>How long before a deferred material's due time the applicant is reminded.</summary>
    public WorkingTimeLimit? RemindBefore { get; init; }

    /// <summary>What a deferred material still missing at its due time does.</summary>
    public DeferralOverdue OnOverdue { get; init; } = DeferralOverdue.PauseSteps;

    public WorkingTimeLimit Reminder => RemindBefore ?? DefaultRemindBefore;
}

/// <summary>The end of a deferred material's time.</summary>
public enum DeferralOverdue
{
    /// <summary>The clocks of the steps that use it stand still, with the reason shown, until it is supplied.</summary>
    PauseSteps,

    /// <summary>The application ends (cancelled) with the reason; every department drops its steps.</summary>
    EndApplication,
}
