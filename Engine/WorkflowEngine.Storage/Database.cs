using System.Data.Common;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence;

/// <summary>A database: its dialect and connection string; hands out opened, prepared connections and write transactions.</summary>
public sealed class Database : IAsyncDisposable
{
    private long _writes;

    public Database(ISqlDialect dialect, string connectionString, DatabaseSchema schema = DatabaseSchema.Engine)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        Schema = schema;
        WriteLane = dialect.CreateWriteLane(this);
    }

    public ISqlDialect Dialect { get; }

    public string ConnectionString { get; }

    /// <summary>Which tables this database holds: the engine's and the department side's, or a department host's only.</summary>
    public DatabaseSchema Schema { get; }

    /// <summary>How this database's write transactions get their connection (<see cref="ISqlDialect.CreateWriteLane"/>).</summary>
    public WriteLane WriteLane { get; }

    /// <summary>How long write transactions have been open in total: with one writer at a time, the write lane's load.</summary>
    public TimeSpan WriteTime => WriteLane.WriteTime;

    /// <summary>How long writers have waited for the write gate in total (zero where writers do not queue in-process).</summary>
    public TimeSpan WriteWaitTime => WriteLane.WaitTime;

    /// <summary>How many writers waited for their turn, and how long the lane stood idle in total before each ran.</summary>
    public (long Count, TimeSpan Idle) Handovers => WriteLane.Handovers;

    /// <summary>How many write transactions have begun.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = Dialect.CreateConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await Dialect.PrepareAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Begins a write transaction in the dialect's write lane.</summary>
    public Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        return WriteLane.BeginAsync(cancellationToken);
    }

    /// <summary>Closes what the write lane keeps open, once the write running now, if any, is done.</summary>
    public ValueTask DisposeAsync() => WriteLane.DisposeAsync();

    /// <summary>Creates or upgrades the tables of <see cref="Schema"/>.</summary>
    public void Migrate() => Dialect.Migrate(ConnectionString, Schema);

    /// <summary>
    /// Runs a process's start-up work (migrations, seeding) while holding the database's start-up lock, so that processes
    /// sharing a database and starting together do it one after the other: two engine processes seeding the same
    /// definitions at once collided on their keys, and the second process died at start.
    /// </summary>
    public async Task RunAtStartupAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (Dialect.StartupLock is not { } startupLock)
        {
            await work();
            return;
        }

        // The lock belongs to this connection's session: it is held until released or the connection closes.
        await using var connection = Dialect.CreateConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, startupLock.Take, cancellationToken);
        try
        {
            await work();
        }
        finally
        {
            await ExecuteAsync(connection, startupLock.Release, CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
