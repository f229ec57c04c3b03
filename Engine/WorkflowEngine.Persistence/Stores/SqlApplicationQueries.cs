using System.Data.Common;
using Dapper;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The tracking pages' reads: each on a connection of its own, or several in one snapshot (<see cref="OpenSnapshotAsync"/>).</summary>
public sealed class SqlApplicationQueries(Database database) : IApplicationQueries
{
    public async Task<IApplicationSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return new Reads(connection, await database.Dialect.BeginSnapshotAsync(connection, cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken) => ReadAsync(r => r.GetAsync(id, cancellationToken), cancellationToken);

    public async Task<ApplicationRecord?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken cancellationToken) =>
        (await QueryAsync<ApplicationRow>($"SELECT {ApplicationRow.Columns} FROM applications WHERE tracking_number = @Number", new { Number = trackingNumber }, cancellationToken))
        .SingleOrDefault()?.ToRecord();

    public async Task<ApplicationRecord?> FindByIdempotencyKeyAsync(string applicantId, string idempotencyKey, CancellationToken cancellationToken) =>
        (await QueryAsync<ApplicationRow>(
            $"SELECT {ApplicationRow.Columns} FROM applications WHERE applicant_id = @Applicant AND idempotency_key = @Key",
            new { Applicant = applicantId, Key = idempotencyKey },
            cancellationToken)).SingleOrDefault()?.ToRecord();

    public async Task<IReadOnlyList<ApplicationRecord>> ListByApplicantAsync(string applicantId, int limit, int offset, CancellationToken cancellationToken) =>
        (await QueryAsync<ApplicationRow>(
            $"SELECT {ApplicationRow.Columns} FROM applications WHERE applicant_id = @Applicant ORDER BY submitted_at DESC, id {database.Dialect.Page}",
            new { Applicant = applicantId, Limit = limit, Offset = offset },
            cancellationToken)).Select(r => r.ToRecord()).ToArray();

    // By the owner's prefix (LIKE, not a range of the applicant index: under a PostgreSQL locale's collation the
    // punctuation that ends the prefix may not order as its code does).
    public async Task<IReadOnlyList<ApplicationRecord>> ListOpenWalkInsAsync(int limit, CancellationToken cancellationToken) =>
        (await QueryAsync<ApplicationRow>(
            $"""
            SELECT {ApplicationRow.Columns} FROM applications
            WHERE applicant_id LIKE @Owners AND status IN (@AwaitingMaterials, @InProgress, @Incident)
            ORDER BY submitted_at, id {database.Dialect.Page}
            """,
            new
            {
                Owners = WalkInIntake.OwnerPrefix + "%",
                ApplicationStatuses.AwaitingMaterials,
                ApplicationStatuses.InProgress,
                ApplicationStatuses.Incident,
                Limit = limit,
                Offset = 0,
            },
            cancellationToken)).Select(r => r.ToRecord()).ToArray();

    // The waiting steps by each application's key (EXISTS), not as a list of every waiting step (IN): SQLite keeps no
    // index of them (migration 0004) and scanned the whole steps table for every page; PostgreSQL and SQL Server answer
    // either form from ix_steps_waiting.
    public async Task<IReadOnlyList<ApplicationRecord>> ListOpenAsync(Guid? after, int limit, CancellationToken cancellationToken) =>
        (await QueryAsync<ApplicationRow>(
            $"""
            SELECT {ApplicationRow.Columns} FROM applications
            WHERE (status IN (@InProgress, @Incident) OR id IN (SELECT application_id FROM timers WHERE timer_id LIKE @Verification)
                OR EXISTS (SELECT 1 FROM steps WHERE steps.application_id = applications.id AND steps.status IN ('dispatched', 'received', 'claimed')))
                AND id > @After
            ORDER BY id {database.Dialect.Page}
            """,
            new
            {
                ApplicationStatuses.InProgress,
                ApplicationStatuses.Incident,
                Verification = "%" + CommitmentState.TimerSuffix,
                After = after?.ToString() ?? "",
                Limit = limit,
                Offset = 0,
            },
            cancellationToken)).Select(r => r.ToRecord()).ToArray();

    public Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ReadAsync(r => r.StepsAsync(applicationId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ReadAsync(r => r.MaterialsAsync(applicationId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ReadAsync(r => r.NotificationsAsync(applicationId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ReadAsync(r => r.CertificatesAsync(applicationId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken) =>
        ReadAsync(r => r.AuditAsync(applicationId, cancellationToken), cancellationToken);

    public async Task<IReadOnlyList<TimerRecord>> TimersAsync(Guid applicationId, CancellationToken cancellationToken) =>
        (await QueryAsync<TimerRow>(
            "SELECT application_id AS ApplicationId, timer_id AS TimerId, node_id AS NodeId, due_at AS DueAt FROM timers WHERE application_id = @Id ORDER BY due_at",
            new { Id = applicationId.ToString() },
            cancellationToken)).Select(r => r.ToRecord()).ToArray();

    private Task<IEnumerable<T>> QueryAsync<T>(string sql, object args, CancellationToken cancellationToken) =>
        ReadAsync(r => r.QueryAsync<T>(sql, args, cancellationToken), cancellationToken);

    /// <summary>One read on a connection of its own, outside any transaction.</summary>
    private async Task<T> ReadAsync<T>(Func<Reads, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var reads = new Reads(await database.OpenAsync(cancellationToken), null);
        return await read(reads);
    }

    /// <summary>The reads of one application, on one connection; in a snapshot where one was begun on it.</summary>
    private sealed class Reads(DbConnection connection, DbTransaction? snapshot) : ReadSession(connection, snapshot), IApplicationSnapshot
    {
        public async Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken) =>
            (await QueryAsync<ApplicationRow>($"SELECT {ApplicationRow.Columns} FROM applications WHERE id = @Id", new { Id = id.ToString() }, cancellationToken))
            .SingleOrDefault()?.ToRecord();

        public async Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken) =>
            (await QueryAsync<StepRow>($"SELECT {StepRow.Columns} FROM steps WHERE application_id = @Id", new { Id = applicationId.ToString() }, cancellationToken))
            .Select(r => r.ToRecord()).ToArray();

        public async Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken) =>
            (await QueryAsync<MaterialRow>($"SELECT {MaterialRow.Columns} FROM materials WHERE application_id = @Id ORDER BY material_key, version", new { Id = applicationId.ToString() }, cancellationToken))
            .Select(r => r.ToRecord()).ToArray();

        public async Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken) =>
            (await QueryAsync<NotificationRow>(
                "SELECT application_id AS ApplicationId, at AS At, kind AS Kind, message AS Message, message_en AS MessageEn FROM notifications WHERE application_id = @Id ORDER BY id",
                new { Id = applicationId.ToString() },
                cancellationToken)).Select(r => r.ToRecord()).ToArray();

        public async Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken) =>
            (await QueryAsync<CertificateRow>(
                """
                SELECT application_id AS ApplicationId, step_id AS StepId, name AS Name, from_step AS FromStep, details_json AS DetailsJson, issued_at AS IssuedAt,
                    revoked_at AS RevokedAt, revoked_reason AS RevokedReason, revoked_reason_en AS RevokedReasonEn
                FROM certificates WHERE application_id = @Id ORDER BY id
                """,
                new { Id = applicationId.ToString() },
                cancellationToken)).Select(r => r.ToRecord()).ToArray();

        public async Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken) =>
            (await QueryAsync<AuditRow>(
                $"SELECT {AuditRow.Columns} FROM audit_events WHERE application_id = @Id ORDER BY id",
                new { Id = applicationId.ToString() },
                cancellationToken)).Select(r => r.ToRecord()).ToArray();

        public async Task<IEnumerable<T>> QueryAsync<T>(string sql, object args, CancellationToken cancellationToken) =>
            (await Connection.QueryAsync<T>(new CommandDefinition(sql, args, Snapshot, cancellationToken: cancellationToken))).AsList();
    }
}
