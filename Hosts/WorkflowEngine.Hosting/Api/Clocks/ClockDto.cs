namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>
/// One clock: <c>bundle</c>, <c>stage</c> or <c>step</c>; its status (<c>not-started</c>, <c>running</c>, <c>paused</c>,
/// <c>stopped</c>), why it is paused, its log, and each of its limits explained (absent where the definition sets none).
/// </summary>
public sealed record ClockDto(
    string Kind,
    string Id,
    string Title,
    string Status,
    ClockPauseDto? Paused,
    ClockLimitDto? Promised,
    ClockLimitDto? Statutory,
    IReadOnlyList<ClockEventDto> Events);
