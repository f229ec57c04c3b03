using System.Data.Common;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests.Recording;

/// <summary>A dialect as it is, but on <see cref="RecordingConnection"/>s: the statements it would send, without its server.</summary>
public sealed class RecordingDialect(ISqlDialect dialect, SqlLog log) : ISqlDialect
{
    public string Name => dialect.Name;

    public bool SingleWriter => dialect.SingleWriter;

    public string? CheckpointSql => dialect.CheckpointSql;

    public (string Take, string Release)? StartupLock => dialect.StartupLock;

    public string Page => dialect.Page;

    public string LeaseOutbox => dialect.LeaseOutbox;

    public string LeaseTimers => dialect.LeaseTimers;

    public string PruneInbox => dialect.PruneInbox;

    public string InboxConsumers => dialect.InboxConsumers;

    public string PruneInboxById => dialect.PruneInboxById;

    public DbConnection CreateConnection(string connectionString) => new RecordingConnection(log);

    public Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public WriteLane CreateWriteLane(Database database) => new PooledWriteLane(database);

    public ValueTask<int> ExecuteBatchAsync<T>(WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken) =>
        dialect.ExecuteBatchAsync(scope, command, rows, returned, cancellationToken);

    public ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken) =>
        dialect.ExecutePlanAsync(scope, groups, cancellationToken);

    public void Migrate(string connectionString, DatabaseSchema schema)
    {
    }

    public string InsertIgnore(string table, string columns, string values, string keyColumns) => dialect.InsertIgnore(table, columns, values, keyColumns);

    public string Upsert(string table, string columns, string values, string keyColumns, string updateColumns) =>
        dialect.Upsert(table, columns, values, keyColumns, updateColumns);

    public string UpsertSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments) =>
        dialect.UpsertSet(table, columns, values, keyColumns, assignments);

    public string InsertReturningId(string table, string columns, string values) => dialect.InsertReturningId(table, columns, values);

    public string In(string column, string parameter) => dialect.In(column, parameter);
}
