namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>Why a clock stands still: <c>supplement-requested</c> (补正) or <c>excluded-period</c> (不计入办理时限的期间).</summary>
public sealed record ClockPauseDto(string Reason, string? Text, DateTimeOffset Since, string? By);
