using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The outbox table: leased, published, deleted.</summary>
public sealed class SqlOutboxStore(Database database) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var args = new { Owner = owner, Now = Instants.ToMs(now), Until = Instants.ToMs(now + leaseFor), Max = max };
        IEnumerable<OutboxRow> rows;
        if (database.Dialect.LeaseOutboxWrites)
        {
            await using var write = await database.BeginWriteAsync(cancellationToken);
            rows = await write.Connection.QueryAsync<OutboxRow>(new CommandDefinition(database.Dialect.LeaseOutbox, args, write.Transaction, cancellationToken: cancellationToken));
            await write.CommitAsync(cancellationToken);
        }
        else
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            rows = await connection.QueryAsync<OutboxRow>(new CommandDefinition(database.Dialect.LeaseOutbox, args, cancellationToken: cancellationToken));
        }

        return rows.OrderBy(r => r.Sequence).Select(r => r.ToMessage()).ToArray();
    }

    public async Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        // Rows are sent in id order, so the published ids are mostly one contiguous run.
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await OutboxSql.DeletePublishedAsync(write, sequences, cancellationToken);
        await write.CommitAsync(cancellationToken);
    }

    /// <summary>The contiguous runs of a set of ids, e.g. 1,2,3,7,8 → [1..3], [7..8].</summary>
    public static IReadOnlyList<(long First, long Last)> Ranges(IEnumerable<long> ids)
    {
        var ranges = new List<(long First, long Last)>();
        foreach (var id in ids.Order())
        {
            if (ranges.Count > 0 && ranges[^1].Last + 1 >= id)
            {
                ranges[^1] = (ranges[^1].First, Math.Max(ranges[^1].Last, id));
            }
            else
            {
                ranges.Add((id, id));
            }
        }

        return ranges;
    }

    public async Task ReleaseAsync(long sequence, string error, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @Error, lease_owner = NULL, lease_until = @RetryAt WHERE id = @Id",
            new { Id = sequence, Error = error.Length > 2000 ? error[..2000] : error, RetryAt = Instants.ToMs(retryAt) },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM outbox", cancellationToken: cancellationToken));
    }
}
