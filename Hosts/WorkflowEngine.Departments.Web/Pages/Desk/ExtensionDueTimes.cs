using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Calendars;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// What a supervisor weighs a request for more time by: the step's due time now, against its promised and (where it has
/// one) its statutory limit, each as approving the request would move it, and the 暂定 (provisional) mark on any of
/// them counted through a year whose holiday arrangement is not loaded.
/// </summary>
public sealed record ExtensionDueTimes(
    DateTimeOffset DueAt,
    ProvisionalMark? DueMark,
    DateTimeOffset ExtendedDueAt,
    ProvisionalMark? ExtendedDueMark,
    DateTimeOffset? StatutoryDueAt,
    ProvisionalMark? StatutoryDueMark,
    DateTimeOffset? ExtendedStatutoryDueAt,
    ProvisionalMark? ExtendedStatutoryDueMark)
{
    /// <summary>
    /// The task's due times as the engine last announced them, and each moved on by the office time asked for on the
    /// step's calendar, as an approved extension moves them (a clock standing still: from where it would resume).
    /// </summary>
    public static ExtensionDueTimes Of(TaskRecord task, ExtensionRequest extension, WorkingCalendar calendar)
    {
        // As the engine counts an extension: its office time added to the limit's (ClockArithmetic.Allowance).
        var added = calendar.OfficeTimeOf(extension.WorkingDays is { } days ? WorkingTimeLimit.Days(days) : WorkingTimeLimit.Hours(extension.WorkingHours ?? 0));
        var extended = calendar.AddWorkingHours(task.DueAt, added);
        var (statutory, statutoryProvisional) = StatutoryOf(JsonNode.Parse(task.PayloadJson) as JsonObject);
        var extendedStatutory = statutory is { } due ? calendar.AddWorkingHours(due, added) : (DateTimeOffset?)null;
        return new ExtensionDueTimes(
            task.DueAt,
            ProvisionalMark.Of(task.Clock?.Provisional),
            extended,
            ProvisionalMark.Of(ProvisionalDue.Of(calendar, task.DispatchedAt, extended)),
            statutory,
            ProvisionalMark.Of(statutoryProvisional),
            extendedStatutory,
            ProvisionalMark.Of(ProvisionalDue.Of(calendar, task.DispatchedAt, extendedStatutory)));
    }

    /// <summary>
    /// The statutory due time a task keeps in its step (<c>statutoryDueAt</c>, as the engine last announced it), and why
    /// it is provisional; nulls where the step has no statutory limit. The task page reads it the same way.
    /// </summary>
    public static (DateTimeOffset? DueAt, ProvisionalDueTime? Provisional) StatutoryOf(JsonObject? step) =>
        step?["statutoryDueAt"] is JsonValue at
            ? (DateTimeOffset.Parse(at.GetValue<string>(), CultureInfo.InvariantCulture),
                step["statutoryDueProvisional"] is JsonObject provisional ? provisional.Deserialize<ProvisionalDueTime>(JsonSerializerOptions.Web) : null)
            : (null, null);
}
