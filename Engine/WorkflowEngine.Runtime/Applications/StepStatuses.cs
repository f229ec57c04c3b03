namespace WorkflowEngine.Runtime.Applications;

/// <summary>The states of a step as users see them.</summary>
public static class StepStatuses
{
    public const string Pending = "pending";
    /// <summary>Sent to its department, not yet acknowledged.</summary>
    public const string Dispatched = "dispatched";

    /// <summary>The department holds it (a task in its clerks' queue).</summary>
    public const string Received = "received";
    public const string Claimed = "claimed";
    public const string Running = "running";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>Approved on the applicant's commitment (告知承诺), then revoked when its verification failed.</summary>
    public const string Revoked = "revoked";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";
}
