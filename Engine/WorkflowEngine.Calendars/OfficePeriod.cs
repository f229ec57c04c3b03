namespace WorkflowEngine.Calendars;

/// <summary>One stretch of office hours in local time, e.g. 09:00–12:00.</summary>
public sealed record OfficePeriod(TimeOnly Start, TimeOnly End)
{
    public TimeSpan Length => End - Start;

    public override string ToString() => $"{Start:HH\\:mm}-{End:HH\\:mm}";
}
