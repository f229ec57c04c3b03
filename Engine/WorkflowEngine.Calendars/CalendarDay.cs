namespace WorkflowEngine.Calendars;

/// <summary>One date of a calendar: worked or off, and why. <see cref="Announced"/> is false for years with no holiday notice on file.</summary>
public sealed record CalendarDay(DateOnly Date, DayKind Kind, string? Name, bool Announced)
{
    /// <summary>The calendar whose arrangement made the date a holiday or a worked weekend; null for an ordinary weekday or weekend.</summary>
    public string? Source { get; init; }

    public bool IsWorkingDay => Kind is DayKind.Workday or DayKind.MakeUpWorkday;
}
