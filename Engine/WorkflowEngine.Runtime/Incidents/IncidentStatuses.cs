namespace WorkflowEngine.Runtime.Incidents;

/// <summary>The states of an incident.</summary>
public static class IncidentStatuses
{
    /// <summary>The application waits for an administrator.</summary>
    public const string Open = "open";

    /// <summary>Retried successfully: the held events were applied and the application went on.</summary>
    public const string Resolved = "resolved";

    /// <summary>The administrator cancelled the application instead.</summary>
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> Filters = [Open, Resolved, Cancelled, "all"];
}
