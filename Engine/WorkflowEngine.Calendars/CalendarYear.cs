namespace WorkflowEngine.Calendars;

/// <summary>One year's official arrangement, as published in the year's holiday notice.</summary>
public sealed record CalendarYear(
    int Year,
    string? Source,
    IReadOnlyList<HolidayPeriod> Holidays,
    IReadOnlyList<MakeUpWorkday> MakeUpWorkdays)
{
    /// <summary>The calendar whose files hold it, when not the calendar counting with it (an inherited year or change).</summary>
    public string? DeclaredBy { get; init; }
}
