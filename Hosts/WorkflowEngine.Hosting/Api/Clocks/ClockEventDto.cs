namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>One entry of a clock's log: <c>start</c>, <c>pause</c>, <c>resume</c>, <c>extend</c> or <c>stop</c>.</summary>
public sealed record ClockEventDto(string Kind, DateTimeOffset At, string? Reason, string? Text, string? Actor, string? Added);
