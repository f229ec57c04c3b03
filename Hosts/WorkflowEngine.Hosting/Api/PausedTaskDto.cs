using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// An open task whose clock stands still, in Shanghai time: <c>pausedFor</c> is <c>supplement</c> (补正, waiting for the
/// applicant), <c>excluded</c> (an excluded period: testing, inspection, expert review, a hearing) or
/// <c>material-overdue</c>; <c>reason</c> says why in the applicant's words, in English where asked
/// (<c>Accept-Language: en</c>) and the engine said it in English (a clerk's own words stay as written); <c>until</c> is when an excluded period ends
/// by itself, where the clerk gave its end; <c>dueAt</c> the due time the task held when its clock stopped.
/// </summary>
public sealed record PausedTaskDto(
    Guid TaskId,
    Guid ApplicationId,
    string TrackingNumber,
    string StepId,
    string Title,
    string? ClaimedBy,
    string PausedFor,
    string? Reason,
    DateTimeOffset PausedSince,
    DateTimeOffset? Until,
    DateTimeOffset DueAt)
{
    /// <summary>The task as the supervisors' list shows it; only for a task whose clock stands still.</summary>
    public static PausedTaskDto Of(TaskRecord task, bool english)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(
            task.Id,
            task.ApplicationId,
            task.TrackingNumber,
            task.StepId,
            task.Title,
            task.ClaimedBy,
            ReasonKindOf(task),
            ReasonOf(task, english),
            ChinaTime.ToLocal(task.ClockPausedSince ?? task.DueAt),
            ChinaTime.ToLocal(task.Clock?.PausedUntil),
            ChinaTime.ToLocal(task.DueAt));
    }

    /// <summary>Why the clock stands still, in English where asked and known, else in Chinese; null when not said.</summary>
    public static string? ReasonOf(TaskRecord task, bool english)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.ClockPausedBecause is { } because && english ? task.Clock?.PausedBecauseEn ?? because : task.ClockPausedBecause;
    }

    /// <summary>What the clock stands still for: as the engine said, else (a task paused before it said) a supplement request still open, else an excluded period.</summary>
    public static string ReasonKindOf(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Clock?.PausedFor ?? (task is { SupplementRequestedAt: not null, SupplementSuppliedAt: null } ? "supplement" : "excluded");
    }
}
