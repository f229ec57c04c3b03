namespace WorkflowEngine.Runtime.Departments;

/// <summary>The states of a department task.</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Claimed = "claimed";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";

    /// <summary>Filters a queue can be listed by: <c>open</c> means not finished (unclaimed or claimed).</summary>
    public static readonly IReadOnlyList<string> Filters = ["open", "unclaimed", "claimed", "completed", "cancelled", "all"];
}
