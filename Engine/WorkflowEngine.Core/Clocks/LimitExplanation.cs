using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// How one limit of a clock comes to its due time, as of an instant: the office time granted and added, used, paused
/// and left, and the dates that did not count and why.
/// </summary>
public sealed record LimitExplanation
{
    public required WorkingTimeLimit Limit { get; init; }

    /// <summary>Where office time starts to count (for whole working days, the close of the starting day).</summary>
    public required DateTimeOffset CountsFrom { get; init; }

    /// <summary>The due time; while the clock is paused, where it would fall if it resumed at the instant explained.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>True while the clock is paused: <see cref="DueAt"/> then moves on with every working minute of the pause.</summary>
    public bool DueAtIfResumedNow { get; init; }

    public required TimeSpan Granted { get; init; }

    /// <summary>Office time added by approved extensions.</summary>
    public required TimeSpan Extended { get; init; }

    /// <summary>Office time the clock ran, up to the instant explained (or its stop).</summary>
    public required TimeSpan Used { get; init; }

    /// <summary>Office time the clock stood paused, up to the instant explained (or its stop).</summary>
    public required TimeSpan Paused { get; init; }

    /// <summary>Granted + extended − used; negative when the limit is passed.</summary>
    public TimeSpan Left => Granted + Extended - Used;

    public required bool Overdue { get; init; }

    /// <summary>Set when the counting to <see cref="DueAt"/> passes a year with no holiday arrangement loaded (暂定).</summary>
    public ProvisionalDue? Provisional { get; init; }

    /// <summary>From the starting date to the due date (or the instant explained, if later).</summary>
    public required IReadOnlyList<UncountedDay> NotCounted { get; init; }

    public required IReadOnlyList<CountedMakeUpWorkday> MakeUpWorkdays { get; init; }
}
