using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// The calendar a department's queue counts "due within N working days" by: the mainland's, which every shipped service
/// uses, as the department side holds it (the engine's own in its process; on a department host the copy fetched from
/// the engine, a year loaded there included), else <paramref name="fallback"/>, the host's own.
/// </summary>
public sealed class DeskCalendar(IStepCalendars calendars, WorkingCalendar? fallback)
{
    public const string Id = "cn-mainland";

    public WorkingCalendar Current => calendars.Find(Id, null, DateTimeOffset.MinValue) ?? fallback
        ?? throw new InvalidOperationException($"No working calendar to count a queue's working days on: {Id} is neither held from the engine nor under Definitions/calendars.");

    /// <summary>The mainland's of <paramref name="calendars"/>, else the first: what a host's own files give.</summary>
    public static WorkingCalendar? MainlandOf(IReadOnlyDictionary<string, WorkingCalendar> calendars) =>
        calendars.TryGetValue(Id, out var mainland) ? mainland : calendars.Values.FirstOrDefault();
}
