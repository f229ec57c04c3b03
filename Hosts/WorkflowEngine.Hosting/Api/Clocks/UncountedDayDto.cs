namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>
/// A date that did not count: <c>start-day</c>, <c>weekend</c>, <c>holiday</c> (with its name),
/// <c>supplement-requested</c> or <c>excluded-period</c> (with the reason); <see cref="Hours"/> are the office hours left out.
/// </summary>
public sealed record UncountedDayDto(DateOnly Date, string Reason, string? Name, decimal Hours);
