namespace WorkflowEngine.Core.Execution;

/// <summary>One item of a supplement request: a material and what the applicant must put right.</summary>
public sealed record SupplementRequestItem(string Material, string Reason);
