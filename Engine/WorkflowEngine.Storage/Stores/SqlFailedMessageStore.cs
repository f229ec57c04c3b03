using Dapper;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The <c>failed_messages</c> table; a replay goes through the outbox like any other message.</summary>
public sealed class SqlFailedMessageStore(Database database, OutboxSignal signal) : IFailedMessageStore
{
    private const string Columns = """
        id AS Id, queue AS Queue, message_id AS MessageId, message_type AS MessageType, body AS Body, error AS Error,
        failed_at AS FailedAt, replayed_at AS ReplayedAt, replayed_by AS ReplayedBy, ignored AS Ignored
        """;

    public async Task RecordAsync(FailedMessageRecord message, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO failed_messages (id, queue, message_id, message_type, body, error, failed_at, ignored)
            VALUES (@Id, @Queue, @MessageId, @MessageType, @Body, @Error, @FailedAt, @Ignored)
            """,
            new
            {
                Id = message.Id.ToString(),
                message.Queue,
                message.MessageId,
                message.MessageType,
                message.Body,
                message.Error,
                FailedAt = Instants.ToMs(message.FailedAt),
                Ignored = message.Ignored ? 1 : 0,
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<FailedMessageRecord>> ListAsync(bool includeReplayed, int limit, int offset, CancellationToken cancellationToken) =>
        ListAsync(ignored: false, includeReplayed, limit, offset, cancellationToken);

    public Task<IReadOnlyList<FailedMessageRecord>> ListIgnoredAsync(bool includeReplayed, int limit, int offset, CancellationToken cancellationToken) =>
        ListAsync(ignored: true, includeReplayed, limit, offset, cancellationToken);

    private async Task<IReadOnlyList<FailedMessageRecord>> ListAsync(bool ignored, bool includeReplayed, int limit, int offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM failed_messages WHERE ignored = @Ignored {(includeReplayed ? "" : "AND replayed_at IS NULL")} ORDER BY failed_at DESC, id {database.Dialect.Page}",
            new { Ignored = ignored ? 1 : 0, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<FailedMessageRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM failed_messages WHERE id = @Id", new { Id = id.ToString() }, cancellationToken: cancellationToken)))
            .SingleOrDefault()?.ToRecord();
    }

    public async Task<bool> ReplayAsync(Guid id, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var write = await database.BeginWriteAsync(cancellationToken))
        {
            var args = new { Id = id.ToString(), Actor = actor, Now = Instants.ToMs(now), NewId = Guid.CreateVersion7(now).ToString() };
            var marked = await write.Connection.ExecuteAsync(new CommandDefinition(
                "UPDATE failed_messages SET replayed_at = @Now, replayed_by = @Actor WHERE id = @Id AND replayed_at IS NULL AND message_type IS NOT NULL",
                args,
                write.Transaction,
                cancellationToken: cancellationToken));
            if (marked == 0)
            {
                return false;
            }

            // Free at once (no holder, lease over): the relay's next poll sends it.
            await write.Connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO outbox (message_id, destination, message_type, body, created_at, attempts, lease_owner, lease_until)
                SELECT COALESCE(message_id, @NewId), queue, message_type, body, @Now, 0, NULL, 0 FROM failed_messages WHERE id = @Id
                """,
                args,
                write.Transaction,
                cancellationToken: cancellationToken));
            await write.CommitAsync(cancellationToken);
        }

        signal.Notify();
        return true;
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";

        public string Queue { get; set; } = "";

        public string? MessageId { get; set; }

        public string? MessageType { get; set; }

        public string Body { get; set; } = "";

        public string Error { get; set; } = "";

        public long FailedAt { get; set; }

        public long? ReplayedAt { get; set; }

        public string? ReplayedBy { get; set; }

        public long Ignored { get; set; }

        public FailedMessageRecord ToRecord() => new()
        {
            Id = Guid.Parse(Id),
            Queue = Queue,
            MessageId = MessageId,
            MessageType = MessageType,
            Body = Body,
            Error = Error,
            FailedAt = Instants.FromMs(FailedAt),
            ReplayedAt = Instants.FromMs(ReplayedAt),
            ReplayedBy = ReplayedBy,
            Ignored = Ignored != 0,
        };
    }
}
