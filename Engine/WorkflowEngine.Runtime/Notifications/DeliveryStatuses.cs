namespace WorkflowEngine.Runtime.Notifications;

/// <summary>Where a <see cref="NotificationDelivery"/> stands.</summary>
public static class DeliveryStatuses
{
    /// <summary>Not sent yet: waiting for the relay, or for its next attempt after a failure.</summary>
    public const string Pending = "pending";

    public const string Sent = "sent";

    /// <summary>Given up: refused for good, or failed on every attempt; on the administrator's list.</summary>
    public const string Failed = "failed";
}
