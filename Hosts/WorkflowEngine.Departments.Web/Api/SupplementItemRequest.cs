namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One item of a clerk's supplement request: a material of the step, or a field of the combined form whose answer the
/// applicant must correct (<paramref name="Field"/>, exactly one of the two), and what is wrong or missing.
/// </summary>
public sealed record SupplementItemRequest(string? Material, string? Reason, string? Field = null);
