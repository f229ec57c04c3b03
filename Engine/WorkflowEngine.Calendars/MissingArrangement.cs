namespace WorkflowEngine.Calendars;

/// <summary>A year a calendar in use has no holiday arrangement loaded for, though it is or soon will be counted through.</summary>
public sealed record MissingArrangement(string CalendarId, int Year, string Reason);
