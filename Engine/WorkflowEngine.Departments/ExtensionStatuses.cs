namespace WorkflowEngine.Runtime.Departments;

/// <summary>Where a request for more time stands.</summary>
public static class ExtensionStatuses
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Refused = "refused";

    /// <summary>Filters a department's requests can be listed by.</summary>
    public static readonly IReadOnlyList<string> Filters = [Pending, Approved, Refused, "all"];
}
