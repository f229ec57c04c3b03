namespace WorkflowEngine.Runtime.Applications;

/// <summary>One page of late clocks (<see cref="IOpenClockStore.ListLateAsync"/>) and how many match in all.</summary>
public sealed record OpenClockPage(int Total, IReadOnlyList<OpenClockRecord> Items);
