namespace WorkflowEngine.Hosting.Api;

/// <summary>An event an incident holds: what it is (<c>completed</c>, <c>timer</c>, …), which step it concerns, when it arrived.</summary>
public sealed record HeldEventDto(string Event, string? StepId, DateTimeOffset At);
