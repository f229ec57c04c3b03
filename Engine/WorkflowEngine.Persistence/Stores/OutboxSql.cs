using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Writing to the outbox, shared by the engine's and the departments' sessions.</summary>
internal static class OutboxSql
{
    public const string Insert = """
        INSERT INTO outbox (message_id, destination, message_type, body, created_at, attempts, lease_until)
        VALUES (@MessageId, @Destination, @MessageType, @Body, @CreatedAt, 0, 0)
        """;

    public static object Row(OutboxMessage m) => new
    {
        MessageId = m.MessageId.ToString(),
        m.Destination,
        m.MessageType,
        m.Body,
        CreatedAt = Instants.ToMs(m.CreatedAt),
    };
}
