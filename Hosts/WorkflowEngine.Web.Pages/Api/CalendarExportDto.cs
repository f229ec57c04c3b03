using WorkflowEngine.Calendars;

namespace WorkflowEngine.Hosting.Api;

/// <summary>A whole calendar as the engine counts with it now (every year loaded included), for a department host to count on the same.</summary>
public sealed record CalendarExportDto(string Id, string Version, CalendarData Calendar);
