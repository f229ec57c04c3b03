using WorkflowEngine.Calendars;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// The office time a step's clock ran and stood still from its dispatch to its decision, counted as the engine counts
/// it (<c>ComplianceCheck.Recompute</c>): on the step's calendar, every pause clipped to that span.
/// </summary>
public static class StepWorkingTime
{
    public static (int Used, int Paused) Count(WorkingCalendar calendar, DateTimeOffset dispatchedAt, DateTimeOffset completedAt,
        IEnumerable<ClockPause> ended, DateTimeOffset? pausedSince)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(ended);
        var pauses = pausedSince is { } since ? ended.Append(new ClockPause(since, completedAt)) : ended;
        var paused = TimeSpan.Zero;
        foreach (var pause in pauses)
        {
            var from = pause.From > dispatchedAt ? pause.From : dispatchedAt;
            var to = pause.To < completedAt ? pause.To : completedAt;
            paused += calendar.WorkingTimeBetween(from, to);
        }

        var total = calendar.WorkingTimeBetween(dispatchedAt, completedAt);
        var used = total > paused ? total - paused : TimeSpan.Zero;
        return ((int)Math.Round(used.TotalMinutes), (int)Math.Round(paused.TotalMinutes));
    }
}
