namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A clerk's request for a further supplement request (再次补正), for a supervisor to approve: every item, an optional
/// note for the applicant, and why the items were not in the first request.
/// </summary>
public sealed record RequestSupplementApprovalRequest(IReadOnlyList<SupplementItemRequest?>? Items, string? Note, string? Reason);
