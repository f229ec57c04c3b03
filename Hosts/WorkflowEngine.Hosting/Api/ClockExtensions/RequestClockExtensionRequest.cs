namespace WorkflowEngine.Hosting.Api.ClockExtensions;

/// <summary>
/// A supervisor's request to extend the bundle's clock (no <see cref="Stage"/>) or a stage's: exactly one of working
/// days or working hours, and why.
/// </summary>
public sealed record RequestClockExtensionRequest(string? Stage, decimal? WorkingDays, decimal? WorkingHours, string? Reason);
