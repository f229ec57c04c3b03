using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Calendars;

/// <summary>A working-time calendar as kept in its data files: time zone, office hours, and the years announced.</summary>
public sealed record CalendarData(
    string Id,
    LocalizedText Name,
    string TimeZone,
    IReadOnlyList<OfficePeriod> OfficeHours,
    IReadOnlyList<CalendarYear> Years);
