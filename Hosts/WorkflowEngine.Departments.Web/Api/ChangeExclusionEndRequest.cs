namespace WorkflowEngine.Hosting.Api;

/// <summary>A new expected end for the task's excluded period under way (later than now and than the period's start).</summary>
public sealed record ChangeExclusionEndRequest(DateTimeOffset? Until);
