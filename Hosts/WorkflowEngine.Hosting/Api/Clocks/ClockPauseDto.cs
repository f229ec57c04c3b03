namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>
/// Why a clock stands still: <c>supplement-requested</c> (补正) or <c>excluded-period</c> (不计入办理时限的期间);
/// <see cref="Until"/> is when an excluded period is expected to end (the clock runs again by itself then), where known.
/// </summary>
public sealed record ClockPauseDto(string Reason, string? Text, DateTimeOffset Since, string? By, DateTimeOffset? Until = null);
