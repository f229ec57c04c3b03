namespace WorkflowEngine.Hosting.Api;

/// <summary>One item of a clerk's supplement request: a material of the step and what is wrong or missing.</summary>
public sealed record SupplementItemRequest(string? Material, string? Reason);
