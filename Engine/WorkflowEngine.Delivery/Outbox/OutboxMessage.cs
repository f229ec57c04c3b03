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
}
