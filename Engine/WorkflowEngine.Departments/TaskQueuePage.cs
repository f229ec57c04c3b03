namespace WorkflowEngine.Runtime.Departments;

/// <summary>One page of a department's queue and how many tasks the filter matches in all.</summary>
public sealed record TaskQueuePage(IReadOnlyList<TaskRecord> Tasks, int Total);
