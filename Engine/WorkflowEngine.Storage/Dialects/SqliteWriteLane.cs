using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// SQLite's write lane: one writer at a time, queued on an in-process gate rather than sleeping in SQLite's busy
/// handler, on the one connection kept for writing. SQLite empties a connection's page cache whenever another
/// connection has written since it last looked, so a pooled connection, which had mostly been reading between writes,
/// started every commit by reading the b-tree pages it was about to change back from the file. Every
/// <see cref="CommitsPerCheckpoint"/> commits it wakes the <see cref="LogCheckpointer"/>.
/// </summary>
public sealed class SqliteWriteLane(Database database) : WriteLane
{
    /// <summary>Commits between two checkpoints of the log (see <see cref="LogCheckpointer"/>): about 30 MB of log under load.</summary>
    public const int CommitsPerCheckpoint = 32;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _checkpointDue = new(0, 1);
    private readonly bool _checkpoints = database.Dialect.CheckpointSql is not null;
    private DbConnection? _writer;
    private bool _closed;
    private int _commitsSinceCheckpoint;
    private long _waitTicks;
    private long _releasedAt;
    private long _handovers;
    private long _handoverTicks;
    private long _logPages;

    public override TimeSpan WaitTime => TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks));

    /// <summary>
    /// How many writers found the gate taken and waited for it, and how long the lane stood idle in total between the
    /// release and the waiting writer running: the hand-over, which goes through the thread pool.
    /// </summary>
    public override (long Count, TimeSpan Idle) Handovers =>
        (Interlocked.Read(ref _handovers), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _handoverTicks)));

    /// <summary>
    /// The pages the writer has appended to SQLite's log, committed or rolled back (SQLITE_DBSTATUS_CACHE_WRITE, counted
    /// after each commit): what the writes cost the disk before the checkpoint copies them, and how many b-tree pages a
    /// commit touches. Read by the benchmark.
    /// </summary>
    public long LogPagesWritten => Interlocked.Read(ref _logPages);

    public override async Task<WriteScope> BeginAsync(CancellationToken cancellationToken)
    {
        var waiting = Stopwatch.GetTimestamp();
        if (!_gate.Wait(0, CancellationToken.None))
        {
            await _gate.WaitAsync(cancellationToken);
            Interlocked.Add(ref _handoverTicks, Stopwatch.GetTimestamp() - Volatile.Read(ref _releasedAt));
            Interlocked.Increment(ref _handovers);
        }

        Interlocked.Add(ref _waitTicks, Stopwatch.GetElapsedTime(waiting).Ticks);
        try
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (_writer is { State: not ConnectionState.Open })
            {
                await _writer.DisposeAsync();
                _writer = null;
            }

            _writer ??= await database.OpenAsync(cancellationToken);
            return new WriteScope(_writer, await _writer.BeginTransactionAsync(cancellationToken), database.Dialect, this, ownsConnection: false);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Counts a commit; every <see cref="CommitsPerCheckpoint"/> of them, the log checkpointer is woken.</summary>
    protected internal override void Committed()
    {
        if (_writer is SqliteConnection { Handle: { } handle })
        {
            _ = raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var pages, out _, 1);
            Interlocked.Add(ref _logPages, pages);
        }

        if (_checkpoints && Interlocked.Increment(ref _commitsSinceCheckpoint) % CommitsPerCheckpoint == 0 && _checkpointDue.CurrentCount == 0)
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

    protected internal override void Released(TimeSpan held)
    {
        base.Released(held);
        Volatile.Write(ref _releasedAt, Stopwatch.GetTimestamp());
        _gate.Release();
    }

    /// <summary>Waits until enough has been committed since the last checkpoint.</summary>
    public Task WaitForCheckpointAsync(CancellationToken cancellationToken) => _checkpointDue.WaitAsync(cancellationToken);

    /// <summary>Copies the log back into the database on a connection of its own, beside the writers (<see cref="ISqlDialect.CheckpointSql"/>).</summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (database.Dialect.CheckpointSql is not { } sql)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the write connection once the write running now, if any, is done.</summary>
    protected override async ValueTask CloseAsync()
    {
        if (_closed)
        {
            return;
        }

        var entered = await _gate.WaitAsync(TimeSpan.FromSeconds(10));
        try
        {
            _closed = true;
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
                _gate.Release();
            }
        }
    }
}
