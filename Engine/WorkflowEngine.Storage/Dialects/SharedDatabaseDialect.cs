using System.Data;
using System.Data.Common;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// What PostgreSQL and SQL Server have in common as databases several engine and department processes share: writers
/// run side by side, each on a pooled connection (<see cref="PooledWriteLane"/>); the server keeps its own log; the
/// outbox is leased with a write, so that no two processes publish one row.
/// </summary>
public abstract class SharedDatabaseDialect : ISqlDialect
{
    public abstract string Name { get; }

    public bool SingleWriter => false;

    public string? CheckpointSql => null;

    public abstract string Page { get; }

    public abstract string LeaseOutbox { get; }

    public abstract string LeaseTimers { get; }

    public abstract string PruneInbox { get; }

    public abstract string InboxConsumers { get; }

    public abstract string PruneInboxById { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    public Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The isolation level at which the reads of one answer see one committed state (<see cref="BeginSnapshotAsync"/>).</summary>
    protected abstract IsolationLevel SnapshotIsolation { get; }

    public async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(SnapshotIsolation, cancellationToken);

    public WriteLane CreateWriteLane(Database database) => new PooledWriteLane(database);

    public abstract ValueTask<int> ExecuteBatchAsync<T>(WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken);

    public abstract ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken);

    /// <summary>The database must exist; its tables are created and upgraded here.</summary>
    public abstract void Migrate(string connectionString, DatabaseSchema schema);

    public abstract (string Take, string Release)? StartupLock { get; }

    public abstract string InsertIgnore(string table, string columns, string values, string keyColumns);

    public abstract string Upsert(string table, string columns, string values, string keyColumns, string updateColumns);

    public abstract string UpsertSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments);

    public abstract string InsertReturningId(string table, string columns, string values);

    public abstract string In(string column, string parameter);
}
