namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A calendar with its office hours and announced years; <c>inherits</c> names the calendar it inherits (null for one
/// keeping its own years), <c>yearsFrom</c> the one whose loaded years it counts, where next year is loaded.
/// </summary>
public sealed record CalendarDto(
    string Id, string Name, string TimeZone, IReadOnlyList<string> OfficeHours, double HoursPerDay, IReadOnlyList<int> AnnouncedYears, string? Inherits, string? YearsFrom);
