using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One line of a task's history, as the task page lists it: <c>kind</c> is dispatched, claimed, released, reassigned,
/// supplement-requested, supplement-supplied, exclusion-started, exclusion-ended, decided, extension-requested,
/// extension-decided or form-corrected; <c>detail</c> what with (the previous holder of a released task, "from → to" of
/// a reassignment, the items asked for, an excluded period's kind, an outcome, the time asked for, a supervisor's answer,
/// the keys of the form's answers the applicant corrected, comma-separated);
/// <c>reason</c> the words given with it.
/// </summary>
public sealed record TaskHistoryEntryDto(DateTimeOffset At, string Kind, string? Actor, string? Detail, string? Reason)
{
    public static TaskHistoryEntryDto From(TaskHistoryEntry e) => new(ChinaTime.ToLocal(e.At), e.Kind, e.Actor, e.Detail, e.Reason);
}
