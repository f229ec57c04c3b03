namespace WorkflowEngine.Hosting.Api;

/// <summary>A clerk's decision.</summary>
public sealed record CompleteTaskRequest(string? Outcome, string? Reason, Dictionary<string, string>? Outputs);
