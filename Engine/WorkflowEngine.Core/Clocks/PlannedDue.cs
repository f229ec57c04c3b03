using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// Where a limit falls due for a clock started at an instant and never paused or extended — what an administrator
/// previews before publishing — read the way a running clock's due time is (<see cref="ClockArithmetic"/>), with its
/// 暂定 mark (<see cref="ProvisionalDue.Of"/>) where the counting passes a year with no holiday arrangement loaded.
/// </summary>
public sealed record PlannedDue(WorkingTimeLimit Limit, DateTimeOffset DueAt, ProvisionalDue? Provisional)
{
    public static PlannedDue Of(WorkingTimeLimit limit, WorkingCalendar calendar, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(calendar);
        var due = ClockArithmetic.DueAt([ClockEvent.Started(start)], limit, calendar)!.Value;
        return new PlannedDue(limit, due, ProvisionalDue.Of(calendar, start, due));
    }
}
