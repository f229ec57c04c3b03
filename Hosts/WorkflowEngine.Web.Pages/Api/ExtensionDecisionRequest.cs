namespace WorkflowEngine.Hosting.Api;

/// <summary>A supervisor's answer to a request for more time: why (required to refuse).</summary>
public sealed record ExtensionDecisionRequest(string? Reason);
