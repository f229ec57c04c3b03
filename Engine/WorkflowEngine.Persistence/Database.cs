using System.Data.Common;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence;

/// <summary>A database: its dialect and connection string; hands out opened, prepared connections.</summary>
public sealed class Database(ISqlDialect dialect, string connectionString)
{
    private readonly SemaphoreSlim? _writeGate = dialect.SingleWriter ? new SemaphoreSlim(1, 1) : null;
    private long _writeTicks;
    private long _waitTicks;
    private long _writes;

    public ISqlDialect Dialect { get; } = dialect;

    /// <summary>How long write transactions have been open in total: with one writer at a time, the write lane's load.</summary>
    public TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    /// <summary>How long writers have waited for the write gate in total (zero where writers do not queue in-process).</summary>
    public TimeSpan WriteWaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>How many write transactions have begun.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public string ConnectionString { get; } = connectionString;

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

    /// <summary>Opens a connection and begins a write transaction (waiting for the write gate first where there is one).</summary>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        if (_writeGate is not null)
        {
            var waiting = System.Diagnostics.Stopwatch.GetTimestamp();
            await _writeGate.WaitAsync(cancellationToken);
            Interlocked.Add(ref _waitTicks, System.Diagnostics.Stopwatch.GetElapsedTime(waiting).Ticks);
        }

        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken);
            return new WriteScope(connection, await connection.BeginTransactionAsync(cancellationToken), _writeGate, held => Interlocked.Add(ref _writeTicks, held.Ticks));
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _writeGate?.Release();
            throw;
        }
    }

    public void Migrate() => Dialect.Migrate(ConnectionString);
}
