namespace WorkflowEngine.Calendars;

/// <summary>Days off for one public holiday as the State Council announced them (放假调休), weekends inside included.</summary>
public sealed record HolidayPeriod(string Name, DateOnly From, DateOnly To);
