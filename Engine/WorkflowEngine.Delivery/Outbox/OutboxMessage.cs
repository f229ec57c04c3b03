namespace WorkflowEngine.Runtime.Outbox;

/// <summary>A message written in the same transaction as the change that caused it, published by the relay afterwards.</summary>
public sealed record OutboxMessage(
    Guid MessageId,
    string Destination,
    string MessageType,
    string Body,
    DateTimeOffset CreatedAt)
{
    /// <summary>The row's id in the outbox; set when read back for publishing.</summary>
    public long Sequence { get; init; }

    public int Attempts { get; init; }

    /// <summary>
    /// Until when this process's relay holds the row (it was written or leased for it): no other process takes it before,
    /// and the relay sends it only before.
    /// </summary>
    public DateTimeOffset LeaseUntil { get; init; }
}
