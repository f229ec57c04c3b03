using System.Data.Common;

namespace WorkflowEngine.Persistence;

/// <summary>
/// A write transaction. Where the dialect allows one writer at a time (SQLite), it also holds the database's
/// in-process write gate, so writers queue on a semaphore instead of sleeping in SQLite's busy handler.
/// Rolled back on dispose unless committed; the connection is closed with it unless it is the database's own write
/// connection (see <see cref="Database.BeginWriteAsync"/>).
/// </summary>
public sealed class WriteScope : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate;
    private readonly bool _ownsConnection;
    private readonly Action<TimeSpan>? _onRelease;
    private readonly Action? _onCommitted;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private bool _committed;

    internal WriteScope(DbConnection connection, DbTransaction transaction, SemaphoreSlim? gate, bool ownsConnection, Action<TimeSpan>? onRelease, Action? onCommitted)
    {
        _onCommitted = onCommitted;
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
        _ownsConnection = ownsConnection;
        _onRelease = onRelease;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        _committed = true;
        _onCommitted?.Invoke();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                try
                {
                    await Transaction.RollbackAsync();
                }
                catch (InvalidOperationException)
                {
                    // The connection broke; the database rolls back on its own.
                }
            }

            await Transaction.DisposeAsync();
            if (_ownsConnection)
            {
                await Connection.DisposeAsync();
            }
        }
        finally
        {
            _onRelease?.Invoke(System.Diagnostics.Stopwatch.GetElapsedTime(_started));
            _gate?.Release();
        }
    }
}
