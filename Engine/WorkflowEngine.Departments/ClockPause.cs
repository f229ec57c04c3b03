namespace WorkflowEngine.Runtime.Departments;

/// <summary>A stretch when a step's clock stood still (a supplement request until supplied, an excluded period), as the engine announced it.</summary>
public sealed record ClockPause(DateTimeOffset From, DateTimeOffset To);
