using System.Data.Common;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// What differs between SQLite, PostgreSQL and SQL Server. Everything else is one portable SQL text: instants are
/// Unix milliseconds (bigint), flags 0/1 integers, ids text.
/// </summary>
public interface ISqlDialect
{
    /// <summary>sqlite, postgresql or sqlserver: the value of <c>Database:Provider</c> that chooses it.</summary>
    string Name { get; }

    /// <summary>Whether the database takes one writer at a time (SQLite): writers then queue in process.</summary>
    bool SingleWriter { get; }

    /// <summary>
    /// Copies the write-ahead log back into the database without holding up writers; <see cref="LogCheckpointer"/> runs
    /// it on a connection of its own every few commits. Null where the database does this itself.
    /// </summary>
    string? CheckpointSql { get; }

    DbConnection CreateConnection(string connectionString);

    /// <summary>Per-connection settings run after opening (SQLite pragmas).</summary>
    Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a read-only transaction on <paramref name="connection"/> whose reads all see one committed state, however
    /// many commits land between them: the queries that build one answer (an application with its steps) run in it.
    /// </summary>
    Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>How write transactions get their connection: a pooled one each, or the one writers take turns on.</summary>
    WriteLane CreateWriteLane(Database database);

    /// <summary>
    /// Runs <paramref name="command"/> once per row inside the scope's transaction; returns the total of rows affected.
    /// With <paramref name="returned"/>, the statement returns one value per row (an inserted id), stored in row order.
    /// </summary>
    ValueTask<int> ExecuteBatchAsync<T>(WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken);

    /// <summary>
    /// Runs the groups of a <see cref="WritePlan"/> inside the scope's transaction, in order: together in one round trip
    /// where the provider can (PostgreSQL), otherwise one group after the other (<see cref="WritePlan.ExecuteInTurnAsync"/>).
    /// </summary>
    ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken);

    /// <summary>Runs the versioned migration scripts of <paramref name="schema"/> (<see cref="MigrationScripts"/>).</summary>
    void Migrate(string connectionString, DatabaseSchema schema);

    /// <summary>
    /// SQL that takes and releases, on one connection, a lock of the whole database that processes starting together
    /// queue on for their start-up work (migrating, seeding the definitions); null where one process owns the database.
    /// </summary>
    (string Take, string Release)? StartupLock { get; }

    /// <summary><c>INSERT … unless a row with the same key exists</c>; affects no row when one does.</summary>
    string InsertIgnore(string table, string columns, string values, string keyColumns);

    /// <summary><c>INSERT … or update the given columns of the row with the same key</c>.</summary>
    string Upsert(string table, string columns, string values, string keyColumns, string updateColumns);

    /// <summary>
    /// <c>INSERT … or, on the row with the same key, SET</c> <paramref name="assignments"/>, in one statement: two writers of
    /// one key at once each change the row as the other left it (a count goes up once for each). The assignments are given
    /// the name by which they read the row as it was (the table's, or MERGE's target).
    /// </summary>
    string UpsertSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments);

    /// <summary>An insert of one row that returns the row's generated <c>id</c>.</summary>
    string InsertReturningId(string table, string columns, string values);

    /// <summary>
    /// <c>column IN (the values of a list parameter)</c>, written so that the column's index is used: the list is bound
    /// as one JSON array of strings (see <see cref="ListParameter"/>), so a query keeps one text and one parameter however
    /// long the list is.
    /// </summary>
    string In(string column, string parameter);

    /// <summary>A page: <c>LIMIT @Limit OFFSET @Offset</c> or its equivalent, after an ORDER BY.</summary>
    string Page { get; }

    /// <summary>
    /// Leases up to @Max outbox rows free at @Now to @Owner until @Until, in id order, returning them; skips rows another
    /// process is leasing at the same moment.
    /// </summary>
    string LeaseOutbox { get; }

    /// <summary>
    /// Leases up to @Max timers due by @Now and free to @Owner until @Until, returning them; skips timers another process
    /// is leasing at the same moment.
    /// </summary>
    string LeaseTimers { get; }

    /// <summary>
    /// Deletes up to @Max inbox entries taken before @Before, oldest first, of those not found by their id
    /// (<c>pruned_by_id = 0</c>, in <c>ix_inbox_processed_at</c>); skips entries another process is deleting at the same
    /// moment.
    /// </summary>
    string PruneInbox { get; }

    /// <summary>The consumers that have inbox entries, each read from the key's b-tree in one step, not by a scan.</summary>
    string InboxConsumers { get; }

    /// <summary>
    /// Deletes up to @Max of @Consumer's inbox entries whose id sorts before @Bound and that were taken before @Before,
    /// in id order: the entries found by their version-7 id's time (<c>pruned_by_id = 1</c>) without a second index.
    /// Skips entries another process is deleting at the same moment.
    /// </summary>
    string PruneInboxById { get; }
}
