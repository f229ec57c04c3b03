using Dapper;
using WorkflowEngine.Runtime.Monitoring;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The stuck-work check's reads; the waiting steps come from a partial index that holds only them.</summary>
public sealed class SqlStuckWorkQueries(Database database) : IStuckWorkQueries
{
    public Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        WaitingAsync("status = 'dispatched'", before, max, cancellationToken);

    public Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        WaitingAsync("status IN ('received', 'claimed')", before, max, cancellationToken);

    public async Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Steps, long Outbox, long Incidents, long Failed)>(new CommandDefinition(
            """
            SELECT
                (SELECT COUNT(*) FROM steps WHERE status = 'dispatched' AND last_contact_at < @Before),
                (SELECT COUNT(*) FROM outbox WHERE created_at < @Before),
                (SELECT COUNT(*) FROM incidents WHERE status = 'open'),
                (SELECT COUNT(*) FROM failed_messages WHERE replayed_at IS NULL)
            """,
            new { Before = Instants.ToMs(overdueBefore) },
            cancellationToken: cancellationToken));
        return new StuckWorkCounts((int)counts.Steps, (int)counts.Outbox, (int)counts.Incidents, (int)counts.Failed);
    }

    private async Task<IReadOnlyList<WaitingStep>> WaitingAsync(string status, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ApplicationId, string StepId, long Attempt, string? Department)>(new CommandDefinition(
            $"""
            SELECT application_id, step_id, attempt, department FROM steps
            WHERE {status} AND last_contact_at < @Before ORDER BY last_contact_at {database.Dialect.Page}
            """,
            new { Before = Instants.ToMs(before), Limit = max, Offset = 0 },
            cancellationToken: cancellationToken));
        return rows.Select(r => new WaitingStep(Guid.Parse(r.ApplicationId), r.StepId, (int)r.Attempt, r.Department)).ToArray();
    }
}
