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

    // The open applications' entries of ix_applications_open (migration 0057, 0050) by status and time received; the
    // owner by its prefix among them (LIKE, not a range of the applicant index: under a PostgreSQL locale's collation the
    // punctuation that ends the prefix may not order as its code does). The count comes with the page (a window
    // aggregate), so a page is one query however many applications it shows; the state only for the open supplement
    // requests the list names.
    public async Task<WalkInListPage> ListOpenWalkInsAsync(WalkInSearch search, int limit, int offset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var narrowed = search switch
        {
            { Number: not null } => "AND tracking_number = @Number",
            { NumberPrefix: not null } => "AND tracking_number LIKE @NumberPrefix",
            { Name: not null } => "AND LOWER(applicant_name) LIKE @Name ESCAPE '\\'",
            _ => "",
        };
        var rows = (await QueryAsync<WalkInListRow>(
            $"""
            SELECT id AS Id, tracking_number AS TrackingNumber, service_id AS ServiceId, service_version AS ServiceVersion, applicant_name AS ApplicantName,
                status AS Status, submitted_at AS SubmittedAt, state_json AS StateJson, COUNT(*) OVER () AS Total
            FROM applications
            WHERE status IN (@AwaitingMaterials, @InProgress, @Incident) AND applicant_id LIKE @Owners {narrowed}
            ORDER BY submitted_at DESC, id DESC {database.Dialect.Page}
            """,
            new
            {
                Owners = WalkInIntake.OwnerPrefix + "%",
                ApplicationStatuses.AwaitingMaterials,
                ApplicationStatuses.InProgress,
                ApplicationStatuses.Incident,
                search.Number,
                NumberPrefix = search.NumberPrefix + "%",
                Name = "%" + EscapeLike(search.Name?.ToLowerInvariant() ?? "") + "%",
                Limit = limit,
                Offset = offset,
            },
            cancellationToken)).ToArray();
        var total = rows.Length > 0 ? (int)rows[0].Total : offset > 0 ? (await ListOpenWalkInsAsync(search, 1, 0, cancellationToken)).Total : 0;
        return new WalkInListPage(rows.Select(r => r.ToItem()).ToArray(), total);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

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
