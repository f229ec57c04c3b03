namespace WorkflowEngine.Hosting.Api;

/// <summary>A clerk's request for more time: exactly one of working days or working hours, and why.</summary>
public sealed record RequestExtensionRequest(decimal? WorkingDays, decimal? WorkingHours, string? Reason);
