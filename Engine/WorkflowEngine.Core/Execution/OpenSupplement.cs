namespace WorkflowEngine.Core.Execution;

/// <summary>A step's supplement request (补正) waiting for the applicant.</summary>
public sealed record OpenSupplement(Guid RequestId, IReadOnlyList<SupplementRequestItem> Items, string? Note, string RequestedBy, DateTimeOffset RequestedAt);
