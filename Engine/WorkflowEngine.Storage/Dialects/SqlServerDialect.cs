using System.Data;
using System.Data.Common;
using DbUp;
using Microsoft.Data.SqlClient;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// SQL Server (Microsoft.Data.SqlClient, 2016 or later for OPENJSON): a database several processes share. Writers run
/// side by side on pooled connections; outbox rows and timers are leased with <c>UPDLOCK, READPAST</c>, so two processes
/// polling at once never take the same row and neither waits for the other. Inserts that must not collide (the inbox,
/// upserts) are MERGE statements under HOLDLOCK, which locks the key's range until the transaction ends, so that two
/// transactions inserting one key do not both find it missing.
/// </summary>
public sealed class SqlServerDialect : SharedDatabaseDialect
{
    /// <summary>The schema's collation for text: code-point order and comparison, as in the other databases.</summary>
    public const string Collation = "Latin1_General_100_BIN2";

    public override string Name => "sqlserver";

    /// <summary>
    /// SNAPSHOT would need ALLOW_SNAPSHOT_ISOLATION on the database, which the schema does not set; SERIALIZABLE keeps
    /// what the reads saw (rows and key ranges) from changing until they end, at the price of a writer waiting for them.
    /// </summary>
    protected override IsolationLevel SnapshotIsolation => IsolationLevel.Serializable;

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public override ValueTask<int> ExecuteBatchAsync<T>(WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken) =>
        AdoNetBatch.ExecutePerRowAsync(scope, command, rows, returned, cancellationToken);

    /// <summary>One group after the other, each statement on its own as <see cref="ExecuteBatchAsync"/> runs it.</summary>
    public override ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken) =>
        WritePlan.ExecuteInTurnAsync(scope, groups, cancellationToken);

    /// <summary>Held while the scripts run, so that processes starting together upgrade one after the other.</summary>
    public const string MigrationLock =
        "EXEC sp_getapplock @Resource = N'WorkflowEngine migrations', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1";

    public const string MigrationUnlock = "EXEC sp_releaseapplock @Resource = N'WorkflowEngine migrations', @LockOwner = 'Session'";

    public override (string Take, string Release)? StartupLock { get; } =
        ("EXEC sp_getapplock @Resource = N'WorkflowEngine start-up', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
         "EXEC sp_releaseapplock @Resource = N'WorkflowEngine start-up', @LockOwner = 'Session'");

    public override void Migrate(string connectionString, DatabaseSchema schema)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        MigrationScripts.RunHolding(
            connection,
            MigrationLock,
            MigrationUnlock,
            new(() => DeployChanges.To.SqlDatabase(connectionString), "SqlServer", database => database.JournalToSqlTable(null, "DepartmentSchemaVersions")),
            schema);
    }

    public override string InsertIgnore(string table, string columns, string values, string keyColumns) =>
        Merge(table, columns, values, keyColumns) + $" WHEN NOT MATCHED THEN {InsertFromSource(columns)};";

    public override string Upsert(string table, string columns, string values, string keyColumns, string updateColumns) =>
        Merge(table, columns, values, keyColumns)
        + " WHEN MATCHED THEN UPDATE SET " + string.Join(", ", InsertSyntax.Columns(updateColumns).Select(c => $"{c} = source.{c}"))
        + $" WHEN NOT MATCHED THEN {InsertFromSource(columns)};";

    public override string UpsertSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments) =>
        Merge(table, columns, values, keyColumns) + $" WHEN MATCHED THEN UPDATE SET {assignments("target")} WHEN NOT MATCHED THEN {InsertFromSource(columns)};";

    public override string InsertReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) OUTPUT INSERTED.id VALUES ({values})";

    /// <summary>
    /// Typed to the width of the keys it is compared with, so that the comparison can seek their index, and in their
    /// collation: OPENJSON's columns have the database's, which SQL Server would not compare with theirs.
    /// </summary>
    public override string In(string column, string parameter) =>
        $"{column} IN (SELECT value COLLATE {Collation} FROM OPENJSON({parameter}) WITH (value nvarchar(450) '$'))";

    public override string Page => "OFFSET @Offset ROWS FETCH NEXT @Limit ROWS ONLY";

    /// <summary>
    /// Rows free now (their lease ran out, or was never taken), oldest first, locked and leased in one statement. A row
    /// another process is leasing this moment is skipped (READPAST) rather than waited for; one it leased before is not
    /// free until its lease runs out, which is how a process that died hands its rows over.
    /// </summary>
    public override string LeaseOutbox => """
        WITH next AS (
            SELECT TOP (@Max) id, message_id, destination, message_type, body, created_at, attempts, lease_owner, lease_until
            FROM outbox WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE lease_until <= @Now
            ORDER BY id)
        UPDATE next SET lease_owner = @Owner, lease_until = @Until
        OUTPUT INSERTED.id AS Sequence, INSERTED.message_id AS MessageId, INSERTED.destination AS Destination,
            INSERTED.message_type AS MessageType, INSERTED.body AS Body, INSERTED.created_at AS CreatedAt, INSERTED.attempts AS Attempts;
        """;

    public override string PruneInbox => """
        WITH oldest AS (
            SELECT TOP (@Max) consumer, message_id FROM inbox WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE pruned_by_id = 0 AND processed_at < @Before
            ORDER BY processed_at)
        DELETE FROM oldest;
        """;

    /// <summary>
    /// One step down the key per consumer (a loose index scan): a recursive member may hold neither TOP nor MIN, so the
    /// next consumer is the first row of the ones after it by ROW_NUMBER.
    /// </summary>
    public override string InboxConsumers => """
        WITH consumers AS (
            SELECT TOP (1) consumer FROM inbox ORDER BY consumer
            UNION ALL
            SELECT next.consumer FROM (
                SELECT inbox.consumer, ROW_NUMBER() OVER (ORDER BY inbox.consumer) AS position
                FROM consumers JOIN inbox ON inbox.consumer > consumers.consumer) AS next
            WHERE next.position = 1)
        SELECT consumer FROM consumers OPTION (MAXRECURSION 0);
        """;

    public override string PruneInboxById => """
        WITH oldest AS (
            SELECT TOP (@Max) consumer, message_id FROM inbox WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE consumer = @Consumer AND message_id < @Bound AND processed_at < @Before
            ORDER BY message_id)
        DELETE FROM oldest;
        """;

    public override string LeaseTimers => """
        WITH next AS (
            SELECT TOP (@Max) application_id, timer_id, node_id, due_at, lease_owner, lease_until
            FROM timers WITH (UPDLOCK, READPAST, ROWLOCK)
            WHERE due_at <= @Now AND lease_until <= @Now
            ORDER BY due_at)
        UPDATE next SET lease_owner = @Owner, lease_until = @Until
        OUTPUT INSERTED.application_id AS ApplicationId, INSERTED.timer_id AS TimerId, INSERTED.node_id AS NodeId, INSERTED.due_at AS DueAt;
        """;

    /// <summary>
    /// The key is matched against the values themselves, not the source's columns: a parameter takes the key column's
    /// collation, while a derived table's column might keep the database's.
    /// </summary>
    private static string Merge(string table, string columns, string values, string keyColumns)
    {
        var names = InsertSyntax.Columns(columns);
        var given = InsertSyntax.Columns(values);
        if (names.Length != given.Length)
        {
            throw new ArgumentException($"{names.Length} columns but {given.Length} values for {table}.", nameof(values));
        }

        return $"MERGE INTO {table} WITH (HOLDLOCK) AS target USING (VALUES ({values})) AS source ({columns}) ON "
            + string.Join(" AND ", InsertSyntax.Columns(keyColumns).Select(k => $"target.{k} = {given[Array.IndexOf(names, k)]}"));
    }

    private static string InsertFromSource(string columns) =>
        $"INSERT ({columns}) VALUES ({string.Join(", ", InsertSyntax.Columns(columns).Select(c => $"source.{c}"))})";
}
