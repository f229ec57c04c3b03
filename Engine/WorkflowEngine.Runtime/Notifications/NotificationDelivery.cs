namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// One message to an applicant by e-mail or SMS, committed with the notification it carries and sent by the
/// <see cref="NotificationRelay"/>; <see cref="Sequence"/> is its row's id once stored.
/// </summary>
public sealed record NotificationDelivery(
    Guid ApplicationId,
    string TrackingNumber,
    string Kind,
    string Channel,
    string Recipient,
    string Subject,
    string Body,
    DateTimeOffset CreatedAt)
{
    public long Sequence { get; init; }

    /// <summary>One of <see cref="DeliveryStatuses"/>.</summary>
    public string Status { get; init; } = DeliveryStatuses.Pending;

    public int Attempts { get; init; }

    /// <summary>Why the last attempt failed, as the mail server or the SMS gateway said.</summary>
    public string? LastError { get; init; }

    /// <summary>When it was sent, or given up.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>When the next attempt is due (a row waiting to be retried), or until when a relay holds it.</summary>
    public DateTimeOffset LeaseUntil { get; init; }
}
