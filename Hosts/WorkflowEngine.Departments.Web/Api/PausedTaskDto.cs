using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// An open task whose clock stands still, in Shanghai time, its <c>title</c> in the reader's language: <c>pausedFor</c> is <c>supplement</c> (补正, waiting for the
/// applicant), <c>excluded</c> (an excluded period: testing, inspection, expert review, a hearing) or
/// <c>material-overdue</c>; <c>reason</c> says why in the applicant's words, in English where asked
/// (<c>Accept-Language: en</c>) and the engine said it in English (a clerk's own words stay as written); <c>until</c> is when an excluded period ends
/// by itself, where the clerk gave its end; <c>dueAt</c> the due time the task held when its clock stopped;
/// <c>claimedByName</c> the holder's name as the user directory keeps it (the login id where it keeps none).
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
    DateTimeOffset DueAt,
    string? ClaimedByName = null)
{
    /// <summary>The task as the supervisors' list shows it; only for a task whose clock stands still.</summary>
    public static PausedTaskDto Of(TaskRecord task, bool english, UserNames names)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(names);
        return new(
            task.Id,
            task.ApplicationId,
            task.TrackingNumber,
            task.StepId,
            task.TitleIn(english),
            task.ClaimedBy,
            task.ClockPausedFor,
            task.ClockPausedBecauseIn(english),
            ChinaTime.ToLocal(task.ClockPausedSince ?? task.DueAt),
            ChinaTime.ToLocal(task.Clock?.PausedUntil),
            ChinaTime.ToLocal(task.DueAt),
            names.Of(task.ClaimedBy));
    }
}
