using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Due timers, leased to one process at a time.</summary>
public sealed class SqlTimerStore(Database database) : ITimerStore
{
    public async Task<IReadOnlyList<TimerRecord>> LeaseDueAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var rows = await write.Connection.QueryAsync<TimerRow>(new CommandDefinition(
            database.Dialect.LeaseTimers,
            new { Owner = owner, Now = Instants.ToMs(now), Until = Instants.ToMs(now + leaseFor), Max = max },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MIN(due_at) FROM timers", cancellationToken: cancellationToken));
        return Instants.FromMs(next);
    }
}
