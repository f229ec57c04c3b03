using System.Data.Common;
using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The engine's writes in SQL: one session, one transaction.</summary>
public sealed class SqlEngineStore(Database database) : IEngineStore
{
    /// <summary>The inbox consumer name of the engine's report queue.</summary>
    public const string Consumer = "engine";

    private readonly EngineSql _sql = new(database.Dialect);

    public async Task<IEngineSession> BeginAsync(CancellationToken cancellationToken)
    {
        var (connection, transaction) = await SqlSessionOpener.OpenAsync(database, cancellationToken);
        return new Session(connection, transaction, _sql);
    }

    private sealed class Session(DbConnection connection, DbTransaction transaction, EngineSql sql)
        : SqlSession(connection, transaction), IEngineSession
    {
        public async Task<IReadOnlyList<ApplicationRecord>> LoadApplicationsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
        {
            var rows = await Connection.QueryAsync<ApplicationRow>(new CommandDefinition(
                $"SELECT {ApplicationRow.Columns} FROM applications WHERE id IN @Ids",
                new { Ids = ids.Select(i => i.ToString()).ToArray() },
                Transaction,
                cancellationToken: cancellationToken));
            return rows.Select(r => r.ToRecord()).ToArray();
        }

        public async Task<IReadOnlyList<MaterialRecord>> LoadMaterialsAsync(Guid applicationId, CancellationToken cancellationToken)
        {
            var rows = await Connection.QueryAsync<MaterialRow>(new CommandDefinition(
                $"SELECT {MaterialRow.Columns} FROM materials WHERE application_id = @Id ORDER BY uploaded_at",
                new { Id = applicationId.ToString() },
                Transaction,
                cancellationToken: cancellationToken));
            return rows.Select(r => r.ToRecord()).ToArray();
        }

        public async Task<IReadOnlySet<string>> FindProcessedAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
        {
            var found = await Connection.QueryAsync<string>(new CommandDefinition(
                "SELECT message_id FROM inbox WHERE consumer = @Consumer AND message_id IN @Ids",
                new { Consumer, Ids = messageIds.ToArray() },
                Transaction,
                cancellationToken: cancellationToken));
            return found.ToHashSet(StringComparer.Ordinal);
        }

        public async Task SaveAsync(EngineChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
        {
            await ExecuteAsync(sql.InsertApplication, changes.Inserted.Select(a => ApplicationRow.From(a, 1)), cancellationToken);
            foreach (var (application, readVersion) in changes.Updated)
            {
                var affected = await Connection.ExecuteAsync(new CommandDefinition(
                    EngineSql.UpdateApplication,
                    ApplicationRow.From(application, readVersion + 1, readVersion),
                    Transaction,
                    cancellationToken: cancellationToken));
                if (affected != 1)
                {
                    throw new ConcurrencyException(application.Id);
                }

                application.Version = readVersion + 1;
            }

            foreach (var inserted in changes.Inserted)
            {
                inserted.Version = 1;
            }

            await ExecuteAsync(sql.UpsertStep, changes.Steps.Select(StepRow.From), cancellationToken);
            await ExecuteAsync(EngineSql.InsertAudit, changes.Audit.Select(a => new
            {
                ApplicationId = a.ApplicationId.ToString(),
                At = Instants.ToMs(a.At),
                a.Type,
                a.StepId,
                a.Actor,
                a.DataJson,
            }), cancellationToken);
            await ExecuteAsync(EngineSql.DeleteTimer, changes.Timers.Where(t => t.Value is null).Select(t => new
            {
                ApplicationId = t.Key.ApplicationId.ToString(),
                t.Key.TimerId,
            }), cancellationToken);
            await ExecuteAsync(sql.UpsertTimer, changes.Timers.Values.OfType<Runtime.Timers.TimerRecord>().Select(t => new
            {
                ApplicationId = t.ApplicationId.ToString(),
                t.TimerId,
                t.NodeId,
                DueAt = Instants.ToMs(t.DueAt),
            }), cancellationToken);
            await ExecuteAsync(OutboxSql.Insert, changes.Outbox.Select(OutboxSql.Row), cancellationToken);
            await ExecuteAsync(sql.InsertInbox, changes.Inbox.Select(id => new { Consumer, MessageId = id, At = Instants.ToMs(now) }), cancellationToken);
            await ExecuteAsync(EngineSql.InsertNotification, changes.Notifications.Select(n => new
            {
                ApplicationId = n.ApplicationId.ToString(),
                At = Instants.ToMs(n.At),
                n.Kind,
                n.Message,
            }), cancellationToken);
            await ExecuteAsync(EngineSql.InsertCertificate, changes.Certificates.Select(c => new
            {
                ApplicationId = c.ApplicationId.ToString(),
                c.StepId,
                c.Name,
                c.FromStep,
                c.DetailsJson,
                IssuedAt = Instants.ToMs(c.IssuedAt),
            }), cancellationToken);
            await ExecuteAsync(EngineSql.InsertMaterial, changes.Materials.Select(MaterialRow.From), cancellationToken);
        }

        private async Task ExecuteAsync<T>(string statement, IEnumerable<T> rows, CancellationToken cancellationToken)
        {
            var list = rows as IReadOnlyCollection<T> ?? rows.ToArray();
            if (list.Count > 0)
            {
                await Connection.ExecuteAsync(new CommandDefinition(statement, list, Transaction, cancellationToken: cancellationToken));
            }
        }
    }
}
