namespace WorkflowEngine.Runtime.Applications;

/// <summary>One page of the walk-in applications not yet finished, and how many match in all.</summary>
public sealed record WalkInListPage(IReadOnlyList<WalkInListItem> Items, int Total);
