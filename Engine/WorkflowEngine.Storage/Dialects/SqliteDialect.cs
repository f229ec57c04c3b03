using System.Data.Common;
using DbUp;
using Microsoft.Data.Sqlite;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>SQLite: the embedded default. WAL mode, synchronous=NORMAL, one writer at a time (BEGIN IMMEDIATE).</summary>
public sealed class SqliteDialect : ISqlDialect
{
    public string Name => "sqlite";

    public bool SingleWriter => true;

    /// <summary>An SQLite file belongs to one process.</summary>
    public (string Take, string Release)? StartupLock => null;

    public string? CheckpointSql => "PRAGMA wal_checkpoint(PASSIVE)";

    public DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    /// <summary>
    /// A deferred transaction: in WAL mode its snapshot is taken at its first read and kept to its end, and it takes no
    /// lock a writer waits on (BEGIN IMMEDIATE, the provider's default, would queue the read behind the write lane).
    /// </summary>
    public Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    /// <summary>One writer at a time, on the one connection kept for writing (see <see cref="SqliteWriteLane"/>).</summary>
    public WriteLane CreateWriteLane(Database database) => new SqliteWriteLane(database);

    /// <summary>On the connection's native handle (see <see cref="SqliteBatch"/>).</summary>
    public ValueTask<int> ExecuteBatchAsync<T>(WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SqliteBatch.Execute((SqliteConnection)scope.Connection, command, rows, returned));

    /// <summary>One group after the other: SQLite runs in the process, so there is no round trip to save.</summary>
    public ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken) =>
        WritePlan.ExecuteInTurnAsync(scope, groups, cancellationToken);

    public async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        // The log is copied back into the database by LogCheckpointer, on its own connection, every few commits. Left
        // to SQLite, the committing writer did it, and with it the two fsyncs, holding the write lane while the disk
        // worked and the processors waited. A writer still does it past 256 MB (16384 pages of 16 KB), should the
        // checkpointer fall behind or not run at all. A page cache of 32 MB instead of 2 MB (128 pages of 16 KB,
        // about two commits' worth): the write connection keeps the pages it changes between commits.
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000; PRAGMA wal_autocheckpoint=16384; PRAGMA cache_size=-32768;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Migrate(string connectionString, DatabaseSchema schema)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            // 16 KB pages (for a new file; an existing one keeps its size): an application row with its state is
            // about 3 KB, so at 4 KB every row changed was a page of its own in the log. With 16 KB, applications
            // submitted together share pages, and a commit wrote a quarter less (measured: 4.0 → 3.0 ms held per
            // write transaction; 8 KB and 32 KB pages did worse).
            wal.CommandText = "PRAGMA page_size=16384; PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        MigrationScripts.Run(
            new(() => DeployChanges.To.SqliteDatabase(connectionString), "Sqlite", database => database.JournalToSqliteTable("DepartmentSchemaVersions")),
            schema);
    }

    public string InsertIgnore(string table, string columns, string values, string keyColumns) =>
        InsertSyntax.OnConflictDoNothing(table, columns, values, keyColumns);

    public string Upsert(string table, string columns, string values, string keyColumns, string updateColumns) =>
        InsertSyntax.OnConflictDoUpdate(table, columns, values, keyColumns, updateColumns);

    public string UpsertSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments) =>
        InsertSyntax.OnConflictDoUpdateSet(table, columns, values, keyColumns, assignments);

    public string InsertReturningId(string table, string columns, string values) => InsertSyntax.ReturningId(table, columns, values);

    public string In(string column, string parameter) => $"{column} IN (SELECT value FROM json_each({parameter}))";

    public string Page => "LIMIT @Limit OFFSET @Offset";

    /// <summary>
    /// One process owns an SQLite file, so a row held under another name was left by an earlier run of the host (it
    /// crashed or stopped before deleting what it had published): it is taken at once instead of after its lease. A row
    /// given back after a failed publish has no holder and waits for its retry time. The rows taken are leased all the
    /// same, so that the relay gives back, renews and deletes only what it holds, as on a shared database; the poll
    /// finds rows only after a crash or a failed publish, since the relay gets its own commits' rows in memory.
    /// </summary>
    public string LeaseOutbox => """
        UPDATE outbox SET lease_owner = @Owner, lease_until = @Until
        WHERE id IN (SELECT id FROM outbox WHERE lease_until <= @Now OR (lease_owner IS NOT NULL AND lease_owner <> @Owner) ORDER BY id LIMIT @Max)
        RETURNING id AS Sequence, message_id AS MessageId, destination AS Destination, message_type AS MessageType,
            body AS Body, created_at AS CreatedAt, attempts AS Attempts
        """;

    /// <summary>The inbox has no rowid (it is keyed by consumer and message id): the entries are picked by their key.</summary>
    public string PruneInbox => """
        DELETE FROM inbox WHERE (consumer, message_id) IN (
            SELECT consumer, message_id FROM inbox WHERE pruned_by_id = 0 AND processed_at < @Before ORDER BY processed_at LIMIT @Max)
        """;

    /// <summary>One step down the key per consumer (a loose index scan): the inbox holds one or two.</summary>
    public string InboxConsumers => """
        WITH RECURSIVE consumers (consumer) AS (
            SELECT MIN(consumer) FROM inbox
            UNION ALL
            SELECT (SELECT MIN(consumer) FROM inbox WHERE consumer > consumers.consumer) FROM consumers WHERE consumer IS NOT NULL)
        SELECT consumer FROM consumers WHERE consumer IS NOT NULL
        """;

    public string PruneInboxById => """
        DELETE FROM inbox WHERE (consumer, message_id) IN (
            SELECT consumer, message_id FROM inbox WHERE consumer = @Consumer AND message_id < @Bound AND processed_at < @Before
            ORDER BY message_id LIMIT @Max)
        """;

    /// <summary>Timers have no rowid either (they are keyed by application and timer): the due ones are picked by their key.</summary>
    public string LeaseTimers => """
        UPDATE timers SET lease_owner = @Owner, lease_until = @Until
        WHERE (application_id, timer_id) IN (
            SELECT application_id, timer_id FROM timers WHERE due_at <= @Now AND lease_until <= @Now ORDER BY due_at LIMIT @Max)
        RETURNING application_id AS ApplicationId, timer_id AS TimerId, node_id AS NodeId, due_at AS DueAt
        """;
}
