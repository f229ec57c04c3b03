namespace WorkflowEngine.Core.Execution;

/// <summary>Where a request to extend a bundle's or stage's clock stands.</summary>
public static class ClockExtensionStatuses
{
    public const string Pending = "pending";

    public const string Approved = "approved";

    public const string Refused = "refused";
}
