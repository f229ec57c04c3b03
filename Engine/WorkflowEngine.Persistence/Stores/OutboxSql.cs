using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Writing to the outbox, shared by the engine's and the departments' stores.</summary>
internal static class OutboxSql
{
    public static BatchCommand<OutboxMessage> Insert { get; } = new(
        """
        INSERT INTO outbox (message_id, destination, message_type, body, created_at, attempts, lease_until)
        VALUES (@MessageId, @Destination, @MessageType, @Body, @CreatedAt, 0, 0)
        """,
        ("MessageId", m => m.MessageId.ToString()), ("Destination", m => m.Destination), ("MessageType", m => m.MessageType),
        ("Body", m => m.Body), ("CreatedAt", m => Instants.ToMs(m.CreatedAt)));
}
