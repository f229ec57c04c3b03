namespace WorkflowEngine.Runtime.Applications;

/// <summary>The states of an application as users see them.</summary>
public static class ApplicationStatuses
{
    /// <summary>Submitted, but a required material (not deferrable) is still to come; the flow has not started.</summary>
    public const string AwaitingMaterials = "awaiting-materials";

    /// <summary>Accepted (受理); departments are working on it.</summary>
    public const string InProgress = "in-progress";

    /// <summary>Executing it failed: it waits for an administrator to retry or cancel it (see <c>GET /api/incidents</c>).</summary>
    public const string Incident = "incident";

    public const string Completed = "completed";

    public const string Rejected = "rejected";

    public const string Cancelled = "cancelled";

    /// <summary>The applicant withdrew it (撤回) before it was decided; like a cancelled one it counts in no on-time rate.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>Whether an application in this state is over: decided, cancelled or withdrawn, nothing left to do on it.</summary>
    public static bool IsFinished(string status) => status is Completed or Rejected or Cancelled or Withdrawn;
}
