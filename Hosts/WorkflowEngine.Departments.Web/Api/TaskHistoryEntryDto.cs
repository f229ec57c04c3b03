using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One line of a task's history, as the task page lists it: <c>kind</c> is dispatched, claimed, released, reassigned,
/// supplement-requested, supplement-supplied, exclusion-started, exclusion-ended, decided, extension-requested,
/// extension-decided or form-corrected; <c>detail</c> what with (the previous holder of a released task, "from → to" of
/// a reassignment, the items asked for, an excluded period's kind, an outcome, the time asked for, a supervisor's answer,
/// the keys of the form's answers the applicant corrected, comma-separated);
/// <c>reason</c> the words given with it.
/// <c>actorName</c> is the <c>actor</c>'s name as the user directory keeps it (e.g. 张三), or the login id where it keeps
/// none (a deleted user, a service account, another system's clerk); <c>detailName</c> is a release's or a reassignment's
/// <c>detail</c> with its clerks by name the same way ("王五 → 李四"), and null where the detail names nobody.
/// </summary>
public sealed record TaskHistoryEntryDto(DateTimeOffset At, string Kind, string? Actor, string? Detail, string? Reason, string? ActorName = null, string? DetailName = null)
{
    public static TaskHistoryEntryDto From(TaskHistoryEntry e, UserNames names) =>
        new(ChinaTime.ToLocal(e.At), e.Kind, e.Actor, e.Detail, e.Reason, names.Of(e.Actor), e.DetailNamed(names));
}
