using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using DbUp;
using DbUp.Postgresql;
using Npgsql;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// PostgreSQL (Npgsql): a database several engine and department processes share. Writers run side by side, each on a
/// pooled connection; outbox rows and timers are leased with <c>FOR UPDATE SKIP LOCKED</c>, so two processes polling at
/// once never take the same row and neither waits for the other.
/// </summary>
public sealed class PostgreSqlDialect : SharedDatabaseDialect
{
    public override string Name => "postgresql";

    /// <summary>Statements kept prepared per connection unless the connection string says otherwise.</summary>
    public const int AutoPrepared = 64;

    /// <summary>
    /// Connections a process keeps to one database unless the connection string says otherwise (Npgsql's default is
    /// 100). The database server runs as many statements at once as it has cores; more connections only queue there,
    /// and each one is a server process with its own catalog cache and its own prepared statements, filled again on
    /// every new connection and after every invalidation (an <c>ANALYZE</c>, autovacuum), so the pool is sized to the
    /// work: the commit loops, the relay and pollers, and the reads of requests in flight.
    /// </summary>
    public const int PoolSize = 16;

    /// <summary>
    /// One pool per database per process, whichever dialect instance, store, migration or start-up lock asks for it: a
    /// second pool for the same database (the migrations' own, before) keeps server processes of its own open, idle,
    /// with catalog caches of their own.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> DataSources = new(StringComparer.Ordinal);

    /// <summary>
    /// READ COMMITTED, PostgreSQL's default, takes a new snapshot for every statement; REPEATABLE READ takes one at the
    /// transaction's first statement and keeps it, without locking what it reads.
    /// </summary>
    protected override IsolationLevel SnapshotIsolation => IsolationLevel.RepeatableRead;

    public override DbConnection CreateConnection(string connectionString) => DataSource(connectionString).CreateConnection();

    /// <summary>The process's one data source (and pool) for the database <paramref name="connectionString"/> names.</summary>
    public static NpgsqlDataSource DataSource(string connectionString) =>
        DataSources.GetOrAdd(connectionString, static text => new(() => new NpgsqlDataSourceBuilder(Tune(text)).Build())).Value;

    /// <summary>
    /// Turns on Npgsql's automatic preparation and sizes the pool unless the operator set them: the engine runs a few
    /// dozen statement texts thousands of times a second, and PostgreSQL otherwise parses and plans every one of them
    /// again.
    /// </summary>
    private static string Tune(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Names(connectionString, "Max Auto Prepare") && !Names(connectionString, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPrepared;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!Names(connectionString, "Max Pool Size") && !Names(connectionString, "Maximum Pool Size") && !Names(connectionString, "MaxPoolSize"))
        {
            builder.MaxPoolSize = Math.Max(builder.MinPoolSize, PoolSize);
        }

        return builder.ConnectionString;
    }

    private static bool Names(string connectionString, string key) => connectionString.Contains(key, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Npgsql sends a batch's statements in one round trip, their parameters numbered (<see cref="PositionalStatement"/>)
    /// so that it need not parse each statement's text again to number them itself.
    /// </summary>
    public override ValueTask<int> ExecuteBatchAsync<T>(WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken) =>
        AdoNetBatch.ExecuteBatchedAsync(scope, command, rows, returned, positional: true, cancellationToken);

    /// <summary>
    /// A whole transaction's statements in one round trip (Npgsql's batch): BEGIN goes with them and COMMIT follows, two
    /// round trips a commit instead of one per table written.
    /// </summary>
    public override ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken) =>
        AdoNetBatch.ExecutePlanAsync(scope, groups, positional: true, cancellationToken);

    /// <summary>Held while the scripts run, so that processes starting together upgrade one after the other.</summary>
    public const string MigrationLock = "SELECT pg_advisory_lock(hashtext('WorkflowEngine migrations'))";

    public const string MigrationUnlock = "SELECT pg_advisory_unlock(hashtext('WorkflowEngine migrations'))";

    public override (string Take, string Release)? StartupLock { get; } =
        ("SELECT pg_advisory_lock(hashtext('WorkflowEngine start-up'))", "SELECT pg_advisory_unlock(hashtext('WorkflowEngine start-up'))");

    public override void Migrate(string connectionString, DatabaseSchema schema)
    {
        var dataSource = DataSource(connectionString);
        using var connection = dataSource.OpenConnection();
        // The journals go where the connection's search path puts unqualified names, as the tables do.
        MigrationScripts.RunHolding(
            connection,
            MigrationLock,
            MigrationUnlock,
            new(() => DeployChanges.To.PostgresqlDatabase(new PostgresqlConnectionManager(dataSource)), "PostgreSql", database => database.JournalToPostgresqlTable(null, "department_schemaversions")),
            schema);
    }

    public override string InsertIgnore(string table, string columns, string values, string keyColumns) =>
        InsertSyntax.OnConflictDoNothing(table, columns, values, keyColumns);

    public override string Upsert(string table, string columns, string values, string keyColumns, string updateColumns) =>
        InsertSyntax.OnConflictDoUpdate(table, columns, values, keyColumns, updateColumns);

    public override string UpsertSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments) =>
        InsertSyntax.OnConflictDoUpdateSet(table, columns, values, keyColumns, assignments);

    public override string InsertReturningId(string table, string columns, string values) => InsertSyntax.ReturningId(table, columns, values);

    /// <summary>
    /// <c>= ANY</c> of an array, not <c>IN</c> a subquery: PostgreSQL cannot tell how many rows a function yields, guesses
    /// 100, and for two such lists (the department store's tasks by application and step) chose a scan of the whole
    /// table, 10–100 ms a lookup in the distributed benchmark. An array is read once and searched in the index.
    /// </summary>
    public override string In(string column, string parameter) =>
        $"{column} = ANY (ARRAY(SELECT json_array_elements_text(CAST({parameter} AS json))))";

    public override string Page => "LIMIT @Limit OFFSET @Offset";

    /// <summary>
    /// Rows free now (their lease ran out, or was never taken), oldest first, locked and leased in one statement. A row
    /// another process is leasing this moment is skipped rather than waited for; one it leased before is not free until
    /// its lease runs out, which is how a process that died hands its rows over.
    /// </summary>
    public override string LeaseOutbox => """
        UPDATE outbox SET lease_owner = @Owner, lease_until = @Until
        WHERE id IN (SELECT id FROM outbox WHERE lease_until <= @Now ORDER BY id LIMIT @Max FOR UPDATE SKIP LOCKED)
        RETURNING id AS Sequence, message_id AS MessageId, destination AS Destination, message_type AS MessageType,
            body AS Body, created_at AS CreatedAt, attempts AS Attempts
        """;

    public override string PruneInbox => """
        DELETE FROM inbox WHERE (consumer, message_id) IN (
            SELECT consumer, message_id FROM inbox WHERE pruned_by_id = 0 AND processed_at < @Before ORDER BY processed_at LIMIT @Max FOR UPDATE SKIP LOCKED)
        """;

    /// <summary>One step down the key per consumer (a loose index scan): the inbox holds one or two.</summary>
    public override string InboxConsumers => """
        WITH RECURSIVE consumers (consumer) AS (
            SELECT MIN(consumer) FROM inbox
            UNION ALL
            SELECT (SELECT MIN(consumer) FROM inbox WHERE consumer > consumers.consumer) FROM consumers WHERE consumer IS NOT NULL)
        SELECT consumer FROM consumers WHERE consumer IS NOT NULL
        """;

    public override string PruneInboxById => """
        DELETE FROM inbox WHERE (consumer, message_id) IN (
            SELECT consumer, message_id FROM inbox WHERE consumer = @Consumer AND message_id < @Bound AND processed_at < @Before
            ORDER BY message_id LIMIT @Max FOR UPDATE SKIP LOCKED)
        """;

    public override string LeaseTimers => """
        UPDATE timers SET lease_owner = @Owner, lease_until = @Until
        WHERE (application_id, timer_id) IN (
            SELECT application_id, timer_id FROM timers WHERE due_at <= @Now AND lease_until <= @Now
            ORDER BY due_at LIMIT @Max FOR UPDATE SKIP LOCKED)
        RETURNING application_id AS ApplicationId, timer_id AS TimerId, node_id AS NodeId, due_at AS DueAt
        """;
}
