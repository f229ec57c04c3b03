namespace WorkflowEngine.Hosting.Api;

/// <summary>A supervisor's reassignment: the clerk of the department (user id) who takes the task over.</summary>
public sealed record ReassignTaskRequest(string? To);
