using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Rows;

/// <summary>A row of <c>outbox</c> as leased.</summary>
internal sealed class OutboxRow
{
    public const string Columns = """
        id AS Sequence, message_id AS MessageId, destination AS Destination, message_type AS MessageType,
        body AS Body, created_at AS CreatedAt, attempts AS Attempts
        """;

    public long Sequence { get; set; }

    public string MessageId { get; set; } = "";

    public string Destination { get; set; } = "";

    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";

    public long CreatedAt { get; set; }

    public long Attempts { get; set; }

    public OutboxMessage ToMessage() =>
        new(Guid.Parse(MessageId), Destination, MessageType, Body, Instants.FromMs(CreatedAt)) { Sequence = Sequence, Attempts = (int)Attempts };
}
