namespace WorkflowEngine.Calendars;

/// <summary>
/// A working-time calendar as kept in its data files: time zone, office hours, and the years announced. The name is
/// Chinese, with <see cref="NameEn"/> where the file gives an English one. A calendar that inherits another (a region's
/// or a service hall's) counts its parent's announced years, with its own <see cref="Changes"/> over them; see
/// <see cref="CalendarInheritance"/>.
/// </summary>
public sealed record CalendarData(
    string Id,
    string Name,
    string TimeZone,
    IReadOnlyList<OfficePeriod> OfficeHours,
    IReadOnlyList<CalendarYear> Years)
{
    public string? NameEn { get; init; }

    /// <summary>The calendar named by <c>inherits</c>, whose years and office hours this one takes; null for one that keeps its own.</summary>
    public string? Inherits { get; init; }

    /// <summary>
    /// The calendar whose announced years this one counts (the top of its <see cref="Inherits"/> chain), once resolved;
    /// null for one that keeps its own. Loading a year there loads it here.
    /// </summary>
    public string? YearsFrom { get; init; }

    /// <summary>
    /// Days this calendar (or a calendar between it and <see cref="YearsFrom"/>) adds or overrides over the announced
    /// <see cref="CalendarData.Years"/>, by year, applied in order. They never make a year announced: only the notice does.
    /// </summary>
    public IReadOnlyList<CalendarYear> Changes { get; init; } = [];
}
