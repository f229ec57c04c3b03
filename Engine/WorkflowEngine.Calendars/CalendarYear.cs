namespace WorkflowEngine.Calendars;

/// <summary>One year's official arrangement, as published in the year's holiday notice.</summary>
public sealed record CalendarYear(
    int Year,
    string? Source,
    IReadOnlyList<HolidayPeriod> Holidays,
    IReadOnlyList<MakeUpWorkday> MakeUpWorkdays);
