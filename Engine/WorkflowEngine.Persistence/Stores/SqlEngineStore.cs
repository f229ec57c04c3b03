using System.Data.Common;
using System.Globalization;
using Dapper;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The engine's tables in SQL: batches are read outside and written in one short transaction. With the process's
/// relay given, the outbox rows a transaction writes go straight to it, and each transaction deletes what it published.
/// </summary>
public sealed class SqlEngineStore(Database database, CommittedOutbox? relay = null) : IEngineStore
{
    /// <summary>The inbox consumer name of the engine's report queue.</summary>
    public const string Consumer = "engine";

    private readonly EngineSql _sql = new(database.Dialect);
    private readonly InboxSql _inbox = new(database.Dialect);
    private readonly OutboxSql _outbox = new(database.Dialect);
    private readonly RollupSql _rollup = new(database.Dialect);
    private readonly RatingSql _ratings = new(database.Dialect);

    public async Task<IEngineReader> OpenReaderAsync(CancellationToken cancellationToken) =>
        new Reader(await database.OpenAsync(cancellationToken), database.Dialect);

    public async Task SaveAsync(EngineChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Everything that costs CPU (state JSON, hashes, row objects) is done before the write lane is taken.
        var (audit, heads) = Chain(changes);
        var inserted = changes.Inserted.Select(a => ApplicationRow.From(a, 1, 0, heads[a.Id])).ToArray();
        // Rows other processes may write too are written in key order, so that two transactions take their row locks
        // in the same order and one waits for the other instead of both waiting in a circle (PostgreSQL's 40P01, SQL
        // Server's 1205): the applications first, each held until the commit, then their steps and the inbox.
        var updated = changes.Updated.OrderBy(a => a.Id).Select(a => ApplicationRow.From(a, a.Version + 1, a.Version, heads[a.Id])).ToArray();
        // A step is written with its application, which carries the service the open steps' counts group it by.
        var services = changes.Inserted.Concat(changes.Updated).DistinctBy(a => a.Id).ToDictionary(a => a.Id, a => a.ServiceId);
        var steps = changes.Steps.OrderBy(s => s.Key.ApplicationId).ThenBy(s => s.Key.StepId, StringComparer.Ordinal)
            .Select(s => StepRow.From(s.Value, services.GetValueOrDefault(s.Key.ApplicationId))).ToArray();
        var removedTimers = changes.Timers.Where(t => t.Value is null).Select(t => (t.Key.ApplicationId, t.Key.TimerId)).ToArray();
        var scheduledTimers = changes.Timers.Values.OfType<Runtime.Timers.TimerRecord>().ToArray();
        var incidents = changes.Incidents.Values.Select(IncidentRow.From).ToArray();
        var at = Instants.ToMs(now);
        var inbox = changes.Inbox.Order(StringComparer.Ordinal).Select(id => (Consumer, id, at)).ToArray();
        var published = OutboxSql.TakePublished(relay);
        var listed = changes.Compliance.Where(c => c.Listed).ToArray();
        var ratingDepartments = changes.Ratings.SelectMany(r => r.Departments.Select(d => (r.ApplicationId, d))).ToArray();
        var stepRatings = changes.Ratings.SelectMany(r => r.Steps.Select(s => (r.ApplicationId, r.TrackingNumber, r.ServiceId, s))).Concat(changes.StepRatings).ToArray();
        var overallFollowUps = changes.RatingFollowUps.Where(f => f.StepId is null).ToArray();
        var stepFollowUps = changes.RatingFollowUps.Where(f => f.StepId is not null).ToArray();
        IReadOnlyList<OutboxMessage> outbox;
        var updateLost = false;

        try
        {
            // The guards first: an application updated only at the version read, a report consumed only once (another
            // engine process may have got there first; the batch is then run again on fresh state).
            var plan = new WritePlan();
            plan.AddGuard(EngineSql.UpdateApplication, updated, () =>
            {
                updateLost = true;
                return new ConcurrencyException(Guid.Parse(updated[0].Id));
            });
            plan.AddGuard(_inbox.Insert, inbox, () => new ConcurrencyException(Guid.Empty));
            // A rating, or its follow-up, only once: another process may have stored it first (then the batch, run
            // again, finds it and stores nothing).
            plan.AddGuard(_ratings.Insert, changes.Ratings, () => new ConcurrencyException(changes.Ratings[0].ApplicationId));
            plan.Add(RatingSql.InsertDepartment, ratingDepartments);
            // A step's rating goes with its application's, which the guard above keeps to one, or on its own before or
            // after it, the application's version guarding it (EngineBatch.RateSteps): the key keeps it to one either way.
            plan.Add(RatingSql.InsertStep, stepRatings);
            plan.AddGuard(RatingSql.FollowUp, overallFollowUps, () => new ConcurrencyException(overallFollowUps[0].ApplicationId));
            plan.AddGuard(RatingSql.FollowUpStep, stepFollowUps, () => new ConcurrencyException(stepFollowUps[0].ApplicationId));
            plan.Add(_sql.InsertApplication, inserted);
            plan.Add(EngineSql.UpdateForm, changes.Forms.OrderBy(f => f.Key).Select(f => (f.Key.ToString(), f.Value)).ToArray());
            plan.Add(_sql.UpsertStep, steps);
            plan.Add(EngineSql.InsertAudit, audit);
            plan.Add(EngineSql.DeleteTimer, removedTimers);
            plan.Add(_sql.UpsertTimer, scheduledTimers);
            var sequences = _outbox.AddInsert(plan, changes.Outbox, relay, now);
            OutboxSql.AddDeletePublished(plan, published);
            plan.Add(EngineSql.InsertNotification, changes.Notifications);
            plan.Add(SqlNotificationDeliveryStore.Insert, changes.Deliveries);
            plan.Add(EngineSql.InsertCertificate, changes.Certificates);
            plan.Add(EngineSql.RevokeCertificates, changes.CertificateRevocations);
            plan.Add(EngineSql.InsertMaterial, changes.Materials);
            plan.Add(StepComplianceRow.InsertReport, changes.Compliance);
            plan.Add(StepComplianceRow.Insert, listed);
            _rollup.AddTo(plan, changes.Rollup);
            plan.Add(_sql.UpsertIncident, incidents);
            OpenClockSql.AddReplace(plan, changes.Clocks);

            await using var write = await database.BeginWriteAsync(cancellationToken);
            await plan.ExecuteAsync(write, cancellationToken);
            outbox = OutboxSql.Written(changes.Outbox, sequences, relay, now);
            await write.CommitAsync(cancellationToken);
        }
        catch (ConcurrencyException) when (updateLost && updated.Length > 1)
        {
            relay?.Published(published);
            // The guard knows only that some of the batch's applications were changed meanwhile: the log names which.
            throw new ConcurrencyException(await ChangedMeanwhileAsync(updated, cancellationToken));
        }
        catch
        {
            relay?.Published(published);
            throw;
        }

        relay?.Committed(outbox);

        foreach (var application in changes.Inserted)
        {
            application.Version = 1;
        }

        foreach (var application in changes.Updated)
        {
            application.Version++;
        }

        foreach (var application in changes.Inserted.Concat(changes.Updated))
        {
            (application.AuditSequence, application.AuditHead) = heads[application.Id];
        }
    }

    /// <summary>
    /// Every one of <paramref name="updated"/> whose stored version is no longer the one read (or that is gone), read
    /// after the rollback (<see cref="StoredRows"/>).
    /// </summary>
    private async Task<IReadOnlyList<Guid>> ChangedMeanwhileAsync(ApplicationRow[] updated, CancellationToken cancellationToken)
    {
        var stored = await StoredRows.ReadAsync(database, "applications", "version", updated.Select(a => a.Id).ToArray(), cancellationToken);
        var changed = updated.Where(a => !stored.TryGetValue(a.Id, out var row) || row[0] != a.ReadVersion.ToString(CultureInfo.InvariantCulture))
            .Select(a => Guid.Parse(a.Id)).ToArray();
        return changed.Length > 0 ? changed : [Guid.Parse(updated[0].Id)];
    }

    /// <summary>
    /// Links the batch's audit lines into their applications' hash chains, in the order they were written. The records
    /// keep their committed heads until the batch commits: a batch that fails and is run again starts from them again.
    /// </summary>
    private static (AuditRecord[] Lines, Dictionary<Guid, (long Sequence, string? Head)> Heads) Chain(EngineChanges changes)
    {
        var heads = new Dictionary<Guid, (long Sequence, string? Head)>(changes.Inserted.Count + changes.Updated.Count);
        foreach (var application in changes.Inserted.Concat(changes.Updated))
        {
            heads[application.Id] = (application.AuditSequence, application.AuditHead);
        }

        var lines = new AuditRecord[changes.Audit.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = changes.Audit[i];
            if (!heads.TryGetValue(line.ApplicationId, out var head))
            {
                throw new InvalidOperationException($"An audit line of application {line.ApplicationId} came without the application: its chain's head would not be kept.");
            }

            lines[i] = AuditChain.Link(line, head.Sequence, head.Head);
            heads[line.ApplicationId] = (lines[i].Sequence, lines[i].Hash);
        }

        return (lines, heads);
    }

    private sealed class Reader(DbConnection connection, ISqlDialect dialect) : ReadSession(connection), IEngineReader
    {
        public async Task<IReadOnlyList<ApplicationRecord>> LoadApplicationsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        {
            var rows = await Connection.QueryAsync<ApplicationRow>(new CommandDefinition(
                $"SELECT {ApplicationRow.Columns} FROM applications WHERE {dialect.In("id", "@Ids")}",
                new { Ids = ListParameter.Of(ids) },
                cancellationToken: cancellationToken));
            return rows.Select(r => r.ToRecord()).ToArray();
        }

        public async Task<IReadOnlyList<MaterialRecord>> LoadMaterialsAsync(Guid applicationId, CancellationToken cancellationToken)
        {
            var rows = await Connection.QueryAsync<MaterialRow>(new CommandDefinition(
                $"SELECT {MaterialRow.Columns} FROM materials WHERE application_id = @Id ORDER BY material_key, version",
                new { Id = applicationId.ToString() },
                cancellationToken: cancellationToken));
            return rows.Select(r => r.ToRecord()).ToArray();
        }

        public async Task<IncidentRecord?> LoadOpenIncidentAsync(Guid applicationId, CancellationToken cancellationToken) =>
            (await Connection.QueryAsync<IncidentRow>(new CommandDefinition(
                $"SELECT {IncidentRow.Columns} FROM incidents WHERE application_id = @Id AND status = 'open'",
                new { Id = applicationId.ToString() },
                cancellationToken: cancellationToken))).SingleOrDefault()?.ToRecord();

        public Task<IReadOnlySet<string>> FindProcessedAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken) =>
            InboxSql.FindProcessedAsync(Connection, dialect, Consumer, messageIds, cancellationToken);

        public Task<IReadOnlyDictionary<(Guid ApplicationId, string Step), bool>> FindRatedAsync(IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken) =>
            RatingSql.FindRatedAsync(Connection, dialect, applicationIds, cancellationToken);
    }
}
