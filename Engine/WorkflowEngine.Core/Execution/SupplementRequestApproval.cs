namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A supervisor allowed a further supplement request on a step: who, when, and the clerk's reason why its items were
/// not in the first request.
/// </summary>
public sealed record SupplementRequestApproval(string ApprovedBy, DateTimeOffset ApprovedAt, string Reason);
