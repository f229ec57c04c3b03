using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The outbox table: leased, published, deleted.</summary>
public sealed class SqlOutboxStore(Database database) : IOutboxStore
{
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        var until = now + leaseFor;
        var args = new { Owner = owner, Now = Instants.ToMs(now), Until = Instants.ToMs(until), Max = max };
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var rows = await write.Connection.QueryAsync<OutboxRow>(new CommandDefinition(database.Dialect.LeaseOutbox, args, write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return rows.OrderBy(r => r.Sequence).Select(r => r.ToMessage() with { LeaseUntil = until }).ToArray();
    }

    /// <summary>
    /// Rare (a relay renews only rows it has held for half a lease), so two portable statements over the span of ids: the
    /// rows of that span this owner holds are extended, then read back. A row another process took over has its
    /// owner's name, and one being taken over this moment is locked by it until its owner is written.
    /// </summary>
    public async Task<IReadOnlyList<long>> RenewAsync(string owner, IReadOnlyList<long> sequences, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken)
    {
        if (sequences.Count == 0)
        {
            return [];
        }

        var args = new { Owner = owner, Until = Instants.ToMs(now + leaseFor), First = sequences.Min(), Last = sequences.Max() };
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET lease_until = @Until WHERE id BETWEEN @First AND @Last AND lease_owner = @Owner", args, write.Transaction, cancellationToken: cancellationToken));
        var held = (await write.Connection.QueryAsync<long>(new CommandDefinition(
            "SELECT id FROM outbox WHERE id BETWEEN @First AND @Last AND lease_owner = @Owner", args, write.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        await write.CommitAsync(cancellationToken);
        return sequences.Where(held.Contains).ToArray();
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

    public async Task ReleaseAsync(string owner, long sequence, string error, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @Error, lease_owner = NULL, lease_until = @RetryAt WHERE id = @Id AND lease_owner = @Owner",
            new { Id = sequence, Owner = owner, Error = error.Length > 2000 ? error[..2000] : error, RetryAt = Instants.ToMs(retryAt) },
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
