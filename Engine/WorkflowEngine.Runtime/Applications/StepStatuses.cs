namespace WorkflowEngine.Runtime.Applications;

/// <summary>The states of a step as users see them.</summary>
public static class StepStatuses
{
    public const string Pending = "pending";
    public const string Dispatched = "dispatched";
    public const string Claimed = "claimed";
    public const string Running = "running";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
}
