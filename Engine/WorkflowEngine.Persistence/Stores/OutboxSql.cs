using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Writing to the outbox, shared by the engine's and the departments' stores.</summary>
internal sealed class OutboxSql(ISqlDialect dialect)
{
    private static readonly BatchCommand<(long First, long Last)> DeleteRange = new(
        "DELETE FROM outbox WHERE id BETWEEN @First AND @Last",
        ("First", r => r.First),
        ("Last", r => r.Last));

    /// <summary>Each row returns the id it was stored under: its sequence.</summary>
    public BatchCommand<(OutboxMessage Message, string? Owner, long Until)> Insert { get; } = new(
        dialect.InsertReturningId(
            "outbox",
            "message_id, destination, message_type, body, created_at, attempts, lease_owner, lease_until",
            "@MessageId, @Destination, @MessageType, @Body, @CreatedAt, 0, @Owner, @Until"),
        ("MessageId", m => m.Message.MessageId.ToString()), ("Destination", m => m.Message.Destination), ("MessageType", m => m.Message.MessageType),
        ("Body", m => m.Message.Body), ("CreatedAt", m => Instants.ToMs(m.Message.CreatedAt)), ("Owner", m => m.Owner), ("Until", m => m.Until));

    /// <summary>
    /// Writes a transaction's outgoing messages, leased to this process's relay when there is one; returns them with
    /// their sequence, to hand to that relay once the transaction commits.
    /// </summary>
    public async Task<IReadOnlyList<OutboxMessage>> InsertAsync(
        WriteScope write, IReadOnlyList<OutboxMessage> messages, CommittedOutbox? relay, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var owner = relay?.Owner;
        var until = relay is null ? 0 : Instants.ToMs(relay.LeaseUntil(now));
        var rows = new (OutboxMessage, string?, long)[messages.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (messages[i], owner, until);
        }

        var sequences = await Insert.ExecuteReturningAsync(write, rows, cancellationToken);
        var written = new OutboxMessage[messages.Count];
        for (var i = 0; i < written.Length; i++)
        {
            written[i] = messages[i] with { Sequence = sequences[i] };
        }

        return written;
    }

    /// <summary>Takes what the relay has published, for the caller's transaction to delete (given back if it fails).</summary>
    public static List<long> TakePublished(CommittedOutbox? relay) => relay is { AnyPublished: true } ? relay.TakePublished() : [];

    /// <summary>Deletes published rows inside the caller's transaction: one range delete per contiguous run of ids.</summary>
    public static async Task DeletePublishedAsync(WriteScope write, IReadOnlyCollection<long> published, CancellationToken cancellationToken)
    {
        if (published.Count > 0)
        {
            await DeleteRange.ExecuteAsync(write, SqlOutboxStore.Ranges(published), cancellationToken);
        }
    }
}
