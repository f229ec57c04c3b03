namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// An e-mail or SMS to an applicant as the administrator sees it: to whom, what, and where it stands (pending, sent,
/// failed with the reason). Times in Asia/Shanghai.
/// </summary>
public sealed record NotificationDeliveryDto(
    long Id,
    Guid ApplicationId,
    string TrackingNumber,
    string Kind,
    string Channel,
    string Recipient,
    string Subject,
    string Body,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? NextAttemptAt);
