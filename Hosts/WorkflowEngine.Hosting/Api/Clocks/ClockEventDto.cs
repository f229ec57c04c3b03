namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>
/// One entry of a clock's log: <c>start</c>, <c>pause</c>, <c>resume</c>, <c>extend</c>, <c>stop</c>, <c>recount</c> or
/// <c>end-changed</c> (the expected end of the pause under way was set or moved). <see cref="Until"/>: a pause's expected
/// end as it was given, or an end change's new end.
/// </summary>
public sealed record ClockEventDto(string Kind, DateTimeOffset At, string? Reason, string? Text, string? Actor, string? Added, DateTimeOffset? Until = null);
