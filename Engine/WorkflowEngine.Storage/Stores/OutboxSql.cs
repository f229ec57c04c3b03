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
    /// Adds a transaction's outgoing messages to its plan, leased to this process's relay when there is one; once the plan
    /// ran, <see cref="Written"/> gives them with their sequences, to hand to that relay when the transaction commits.
    /// </summary>
    public StatementGroup AddInsert(WritePlan plan, IReadOnlyList<OutboxMessage> messages, CommittedOutbox? relay, DateTimeOffset now)
    {
        var owner = relay?.Owner;
        var until = relay is null ? 0 : Instants.ToMs(relay.LeaseUntil(now));
        var rows = new (OutboxMessage, string?, long)[messages.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (messages[i], owner, until);
        }

        return plan.AddReturning(Insert, rows);
    }

    /// <summary>
    /// The messages <see cref="AddInsert"/> planned, each with the sequence it was stored under and the lease it was
    /// written with.
    /// </summary>
    public static IReadOnlyList<OutboxMessage> Written(IReadOnlyList<OutboxMessage> messages, StatementGroup inserted, CommittedOutbox? relay, DateTimeOffset now)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var until = relay?.LeaseUntil(now) ?? default;
        var written = new OutboxMessage[messages.Count];
        for (var i = 0; i < written.Length; i++)
        {
            written[i] = messages[i] with { Sequence = inserted.Returned![i], LeaseUntil = until };
        }

        return written;
    }

    /// <summary>Takes what the relay has published, for the caller's transaction to delete (given back if it fails).</summary>
    public static List<long> TakePublished(CommittedOutbox? relay) => relay is { AnyPublished: true } ? relay.TakePublished() : [];

    /// <summary>Adds the deletion of published rows to a transaction's plan: one range delete per contiguous run of ids.</summary>
    public static void AddDeletePublished(WritePlan plan, IReadOnlyCollection<long> published)
    {
        if (published.Count > 0)
        {
            plan.Add(DeleteRange, SqlOutboxStore.Ranges(published));
        }
    }

    /// <summary>Deletes published rows inside the caller's transaction, as <see cref="AddDeletePublished"/> plans it.</summary>
    public static async Task DeletePublishedAsync(WriteScope write, IReadOnlyCollection<long> published, CancellationToken cancellationToken)
    {
        var plan = new WritePlan();
        AddDeletePublished(plan, published);
        await plan.ExecuteAsync(write, cancellationToken);
    }
}
