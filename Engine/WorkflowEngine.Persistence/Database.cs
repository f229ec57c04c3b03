using System.Data.Common;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence;

/// <summary>A database: its dialect and connection string; hands out opened, prepared connections and write transactions.</summary>
public sealed class Database : IAsyncDisposable
{
    private long _writes;

    public Database(ISqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        WriteLane = dialect.CreateWriteLane(this);
    }

    public ISqlDialect Dialect { get; }

    public string ConnectionString { get; }

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

    public void Migrate() => Dialect.Migrate(ConnectionString);
}
