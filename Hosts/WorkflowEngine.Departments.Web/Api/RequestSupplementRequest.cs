namespace WorkflowEngine.Hosting.Api;

/// <summary>A clerk's supplement request (补正): every item at once, and an optional note for the applicant.</summary>
public sealed record RequestSupplementRequest(IReadOnlyList<SupplementItemRequest?>? Items, string? Note);
