namespace WorkflowEngine.Hosting.Api;

/// <summary>A department's steps open now: how many, how many overdue (red), how many at risk (yellow: past the warning share, not yet due).</summary>
public sealed record OpenRiskDto(string Department, string? DepartmentName, long Open, long Overdue, long AtRisk);
