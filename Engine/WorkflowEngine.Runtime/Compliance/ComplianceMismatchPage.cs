namespace WorkflowEngine.Runtime.Compliance;

/// <summary>One page of listed compliance records and how many match the filter in all.</summary>
public sealed record ComplianceMismatchPage(IReadOnlyList<ListedCompliance> Items, int Total);
