using System.Data;
using System.Data.Common;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence;

/// <summary>A database: its dialect and connection string; hands out opened, prepared connections.</summary>
public sealed class Database(ISqlDialect dialect, string connectionString) : IAsyncDisposable
{
    /// <summary>Commits between two checkpoints of the log (see <see cref="LogCheckpointer"/>): about 30 MB of log under load.</summary>
    public const int CommitsPerCheckpoint = 32;

    private readonly SemaphoreSlim? _writeGate = dialect.SingleWriter ? new SemaphoreSlim(1, 1) : null;
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private DbConnection? _writer;
    private bool _disposed;
    private int _commitsSinceCheckpoint;
    private long _writeTicks;
    private long _waitTicks;
    private long _writes;
    private long _releasedAt;
    private long _handovers;
    private long _handoverTicks;

    public ISqlDialect Dialect { get; } = dialect;

    /// <summary>How long write transactions have been open in total: with one writer at a time, the write lane's load.</summary>
    public TimeSpan WriteTime => TimeSpan.FromTicks(Interlocked.Read(ref _writeTicks));

    /// <summary>How long writers have waited for the write gate in total (zero where writers do not queue in-process).</summary>
    public TimeSpan WriteWaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>
    /// How many writers found the write gate taken and waited for it, and how long the lane stood idle in total
    /// between the release and the waiting writer running: the hand-over, which goes through the thread pool.
    /// </summary>
    public (long Count, TimeSpan Idle) Handovers =>
        (Interlocked.Read(ref _handovers), System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _handoverTicks)));

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

    /// <summary>
    /// Begins a write transaction. Where writers take turns (SQLite), it waits for the write gate and runs on the one
    /// connection kept for writing: SQLite empties a connection's page cache whenever another connection has written
    /// since it last looked, so a pooled connection, which had mostly been reading between writes, started every
    /// commit by reading the b-tree pages it was about to change back from the file.
    /// </summary>
    public async Task<WriteScope> BeginWriteAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        if (_writeGate is null)
        {
            var own = await OpenAsync(cancellationToken);
            try
            {
                return new WriteScope(own, await own.BeginTransactionAsync(cancellationToken), null, ownsConnection: true, OnReleased, OnCommitted);
            }
            catch
            {
                await own.DisposeAsync();
                throw;
            }
        }

        var waiting = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!_writeGate.Wait(0, CancellationToken.None))
        {
            await _writeGate.WaitAsync(cancellationToken);
            Interlocked.Add(ref _handoverTicks, System.Diagnostics.Stopwatch.GetTimestamp() - Volatile.Read(ref _releasedAt));
            Interlocked.Increment(ref _handovers);
        }

        Interlocked.Add(ref _waitTicks, System.Diagnostics.Stopwatch.GetElapsedTime(waiting).Ticks);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is { State: not ConnectionState.Open })
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            _writer ??= await OpenAsync(cancellationToken);
            return new WriteScope(_writer, await _writer.BeginTransactionAsync(cancellationToken), _writeGate, ownsConnection: false, OnReleased, OnCommitted);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private void OnReleased(TimeSpan held)
    {
        Interlocked.Add(ref _writeTicks, held.Ticks);
        Volatile.Write(ref _releasedAt, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    /// <summary>Counts a commit; every <see cref="CommitsPerCheckpoint"/> of them, the log checkpointer is woken.</summary>
    internal void OnCommitted()
    {
        if (Dialect.CheckpointSql is not null && Interlocked.Increment(ref _commitsSinceCheckpoint) % CommitsPerCheckpoint == 0 && _checkpointDue.CurrentCount == 0)
        {
            try
            {
                _checkpointDue.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    /// <summary>Waits until enough has been committed since the last checkpoint.</summary>
    public Task WaitForCheckpointAsync(CancellationToken cancellationToken) => _checkpointDue.WaitAsync(cancellationToken);

    /// <summary>Copies the log back into the database on a connection of its own, beside the writers (<see cref="ISqlDialect.CheckpointSql"/>).</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (Dialect.CheckpointSql is not { } sql)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the write connection once the write running now, if any, is done.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writeGate is null || _disposed)
        {
            return;
        }

        var entered = await _writeGate.WaitAsync(TimeSpan.FromSeconds(10));
        try
        {
            _disposed = true;
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
                _writer = null;
            }
        }
        finally
        {
            if (entered)
            {
                _writeGate.Release();
            }
        }
    }

    public void Migrate() => Dialect.Migrate(ConnectionString);
}
