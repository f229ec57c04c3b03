namespace WorkflowEngine.Runtime.Applications;

/// <summary>Who submits: the signed-in citizen or company agent.</summary>
public sealed record Applicant(string Id, string? Name);
