using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Calendars;

/// <summary>
/// <c>calendar.yaml</c>: a calendar's id, name, time zone and office hours (e.g. <c>09:00-12:00</c>); or, for a region's
/// or a service hall's calendar, the calendar it <c>inherits</c> (its years, time zone and, unless given, office hours).
/// </summary>
public sealed record CalendarFile
{
    public string? Id { get; init; }

    public string? Inherits { get; init; }

    public LocalizedText? Name { get; init; }

    public string? TimeZone { get; init; }

    public List<string>? OfficeHours { get; init; }
}
