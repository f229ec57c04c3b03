using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The outbox table: leased, published, deleted.</summary>
public sealed class SqlOutboxStore(Database database) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var (connection, transaction) = await SqlSessionOpener.OpenAsync(database, cancellationToken);
        await using (connection)
        await using (transaction)
        {
            var rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                database.Dialect.LeaseOutbox,
                new { Owner = owner, Now = Instants.ToMs(now), Until = Instants.ToMs(now + leaseFor), Max = max },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return rows.OrderBy(r => r.Sequence).Select(r => r.ToMessage()).ToArray();
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in sequences.Chunk(500))
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM outbox WHERE id IN @Ids", new { Ids = chunk }, cancellationToken: cancellationToken));
        }
    }

    public async Task ReleaseAsync(long sequence, string error, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @Error, lease_owner = NULL, lease_until = @RetryAt WHERE id = @Id",
            new { Id = sequence, Error = error.Length > 2000 ? error[..2000] : error, RetryAt = Instants.ToMs(retryAt) },
            cancellationToken: cancellationToken));
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM outbox", cancellationToken: cancellationToken));
    }
}
