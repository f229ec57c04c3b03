namespace WorkflowEngine.Calendars;

/// <summary>
/// A working-time calendar as kept in its data files: time zone, office hours, and the years announced. The name is
/// Chinese, with <see cref="NameEn"/> where the file gives an English one.
/// </summary>
public sealed record CalendarData(
    string Id,
    string Name,
    string TimeZone,
    IReadOnlyList<OfficePeriod> OfficeHours,
    IReadOnlyList<CalendarYear> Years)
{
    public string? NameEn { get; init; }
}
