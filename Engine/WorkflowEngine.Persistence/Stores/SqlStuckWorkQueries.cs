using Dapper;
using WorkflowEngine.Runtime.Monitoring;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The stuck-work check's reads. Where several engine processes share the database, the waiting steps come from a
/// partial index that holds only them; on SQLite, which one process owns, they are read once at start
/// (<see cref="TrackedWaitingSteps"/>) and the rest of the time only the small tables are counted.
/// </summary>
public sealed class SqlStuckWorkQueries(Database database) : IStuckWorkQueries
{
    private const string Waiting = "status IN ('dispatched', 'received', 'claimed')";

    public async Task<IReadOnlyList<WaitingStep>> AllWaitingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Steps(await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT application_id AS ApplicationId, step_id AS StepId, attempt AS Attempt, department AS Department, status AS Status, last_contact_at AS LastContactAt FROM steps WHERE {Waiting}",
            cancellationToken: cancellationToken)));
    }

    public Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        WaitingAsync("status = 'dispatched'", before, max, cancellationToken);

    public Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        WaitingAsync("status IN ('received', 'claimed')", before, max, cancellationToken);

    public async Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, bool withSteps, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Steps, long Outbox, long Incidents, long Failed)>(new CommandDefinition(
            $"""
            SELECT
                {(withSteps ? "(SELECT COUNT(*) FROM steps WHERE status = 'dispatched' AND last_contact_at < @Before)" : "0")},
                (SELECT COUNT(*) FROM outbox WHERE created_at < @Before),
                (SELECT COUNT(*) FROM incidents WHERE status = 'open'),
                (SELECT COUNT(*) FROM failed_messages WHERE replayed_at IS NULL AND ignored = 0)
            """,
            new { Before = Instants.ToMs(overdueBefore) },
            cancellationToken: cancellationToken));
        return new StuckWorkCounts((int)counts.Steps, (int)counts.Outbox, (int)counts.Incidents, (int)counts.Failed);
    }

    private async Task<IReadOnlyList<WaitingStep>> WaitingAsync(string status, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return Steps(await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT application_id AS ApplicationId, step_id AS StepId, attempt AS Attempt, department AS Department, status AS Status, last_contact_at AS LastContactAt
            FROM steps WHERE {status} AND last_contact_at < @Before ORDER BY last_contact_at {database.Dialect.Page}
            """,
            new { Before = Instants.ToMs(before), Limit = max, Offset = 0 },
            cancellationToken: cancellationToken)));
    }

    private static WaitingStep[] Steps(IEnumerable<Row> rows) =>
        rows.Select(r => new WaitingStep(Guid.Parse(r.ApplicationId), r.StepId, (int)r.Attempt, r.Department, r.Status, Instants.FromMs(r.LastContactAt ?? 0))).ToArray();

    private sealed class Row
    {
        public string ApplicationId { get; set; } = "";

        public string StepId { get; set; } = "";

        public long Attempt { get; set; }

        public string? Department { get; set; }

        public string Status { get; set; } = "";

        public long? LastContactAt { get; set; }
    }
}
