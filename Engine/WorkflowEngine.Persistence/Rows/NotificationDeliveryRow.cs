using WorkflowEngine.Runtime.Notifications;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>A row of <c>notification_deliveries</c>.</summary>
internal sealed class NotificationDeliveryRow
{
    public const string Columns = """
        id AS Sequence, application_id AS ApplicationId, tracking_number AS TrackingNumber, kind AS Kind, channel AS Channel,
        recipient AS Recipient, subject AS Subject, body AS Body, created_at AS CreatedAt, status AS Status, attempts AS Attempts,
        lease_until AS LeaseUntil, last_error AS LastError, finished_at AS FinishedAt
        """;

    public long Sequence { get; set; }

    public string ApplicationId { get; set; } = "";

    public string TrackingNumber { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Channel { get; set; } = "";

    public string Recipient { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = "";

    public long CreatedAt { get; set; }

    public string Status { get; set; } = "";

    public long Attempts { get; set; }

    public long LeaseUntil { get; set; }

    public string? LastError { get; set; }

    public long? FinishedAt { get; set; }

    public NotificationDelivery ToRecord() =>
        new(Guid.Parse(ApplicationId), TrackingNumber, Kind, Channel, Recipient, Subject, Body, Instants.FromMs(CreatedAt))
        {
            Sequence = Sequence,
            Status = Status,
            Attempts = (int)Attempts,
            LeaseUntil = Instants.FromMs(LeaseUntil),
            LastError = LastError,
            FinishedAt = FinishedAt is { } at ? Instants.FromMs(at) : null,
        };
}
