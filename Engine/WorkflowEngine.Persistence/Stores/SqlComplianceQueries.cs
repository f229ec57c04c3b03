using Dapper;
using WorkflowEngine.Runtime.Statistics;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The rows behind the on-time figures. A report reads a period's finished steps and applications once; no index is
/// kept for it, since every index costs each engine commit a page (see the SQLite migration 0003).
/// </summary>
public sealed class SqlComplianceQueries(Database database) : IComplianceQueries
{
    public async Task<IReadOnlyList<CompletedStep>> CompletedStepsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StepRow>(new CommandDefinition(
            """
            SELECT s.department AS Department, a.service_id AS ServiceId, s.dispatched_at AS DispatchedAt, s.received_at AS ReceivedAt,
                s.completed_at AS CompletedAt, s.on_time AS OnTime, CASE WHEN s.status = 'revoked' THEN 'revoked' ELSE s.outcome END AS Outcome
            FROM steps s JOIN applications a ON a.id = s.application_id
            WHERE s.department IS NOT NULL AND s.outcome IS NOT NULL AND s.completed_at >= @From AND s.completed_at < @To
            """,
            new { From = Instants.ToMs(from), To = Instants.ToMs(to) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new CompletedStep(
            r.Department, r.ServiceId, Instants.FromMs(r.DispatchedAt), Instants.FromMs(r.ReceivedAt), Instants.FromMs(r.CompletedAt),
            Instants.Flag(r.OnTime), r.Outcome)).ToArray();
    }

    public async Task<IReadOnlyList<FinishedApplication>> FinishedApplicationsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ApplicationRow>(new CommandDefinition(
            """
            SELECT service_id AS ServiceId, status AS Status, accepted_at AS AcceptedAt, completed_at AS CompletedAt, due_at AS DueAt,
                statutory_due_at AS StatutoryDueAt, on_time AS OnTime
            FROM applications WHERE status IN ('completed', 'rejected') AND completed_at >= @From AND completed_at < @To
            """,
            new { From = Instants.ToMs(from), To = Instants.ToMs(to) },
            cancellationToken: cancellationToken));
        return rows.Select(r => new FinishedApplication(
            r.ServiceId, r.Status, Instants.FromMs(r.AcceptedAt), Instants.FromMs(r.CompletedAt), Instants.FromMs(r.DueAt),
            Instants.FromMs(r.StatutoryDueAt), Instants.Flag(r.OnTime))).ToArray();
    }

    public async Task<IReadOnlyList<OpenStep>> OpenStepsAsync(string? department, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ApplicationId, string StepId, string Department, string ServiceId, long? DueAt)>(new CommandDefinition(
            $"""
            SELECT s.application_id, s.step_id, s.department, a.service_id, s.due_at FROM steps s JOIN applications a ON a.id = s.application_id
            WHERE s.status IN ('dispatched', 'received', 'claimed') AND {(department is null ? "s.department IS NOT NULL" : "s.department = @Department")}
            """,
            new { Department = department },
            cancellationToken: cancellationToken));
        return rows.Select(r => new OpenStep(Guid.Parse(r.ApplicationId), r.StepId, r.Department, r.ServiceId, Instants.FromMs(r.DueAt))).ToArray();
    }

    private sealed class StepRow
    {
        public string Department { get; set; } = "";

        public string ServiceId { get; set; } = "";

        public long? DispatchedAt { get; set; }

        public long? ReceivedAt { get; set; }

        public long CompletedAt { get; set; }

        public long? OnTime { get; set; }

        public string? Outcome { get; set; }
    }

    private sealed class ApplicationRow
    {
        public string ServiceId { get; set; } = "";

        public string Status { get; set; } = "";

        public long? AcceptedAt { get; set; }

        public long CompletedAt { get; set; }

        public long? DueAt { get; set; }

        public long? StatutoryDueAt { get; set; }

        public long? OnTime { get; set; }
    }
}
