namespace WorkflowEngine.Hosting.Api;

/// <summary>A clerk's excluded period: its kind (<c>ExclusionKinds</c>), why, and when it ends if known.</summary>
public sealed record StartExclusionRequest(string? Kind, string? Reason, DateTimeOffset? Until);
