namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// A department's steps waiting on it now: how many, how many past their due time (red), and how many at risk — past
/// their yellow share of the limit but not yet due.
/// </summary>
public sealed record OpenRisk(string Department, long Open, long Overdue, long AtRisk);
