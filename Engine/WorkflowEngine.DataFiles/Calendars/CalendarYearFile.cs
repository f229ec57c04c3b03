namespace WorkflowEngine.Definitions.Calendars;

/// <summary><c>&lt;year&gt;.yaml</c>: one year's official holiday notice.</summary>
public sealed record CalendarYearFile
{
    public int Year { get; init; }

    /// <summary>The notice the arrangement comes from, for the administrator who checks it.</summary>
    public string? Source { get; init; }

    public List<HolidayFile>? Holidays { get; init; }

    public List<MakeUpWorkdayFile>? MakeUpWorkdays { get; init; }
}

/// <summary>A holiday's days off, both ends included.</summary>
public sealed record HolidayFile
{
    public string? Name { get; init; }

    public DateOnly From { get; init; }

    public DateOnly To { get; init; }
}

/// <summary>A weekend day worked instead (调休上班).</summary>
public sealed record MakeUpWorkdayFile
{
    public DateOnly Date { get; init; }

    public string? For { get; init; }
}
