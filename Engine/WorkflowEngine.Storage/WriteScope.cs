using System.Data.Common;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence;

/// <summary>
/// A write transaction, begun by the database's <see cref="WriteLane"/>. Rolled back on dispose unless committed; the
/// connection is closed with it unless the lane keeps it (SQLite's write connection), and the lane is told, so that it
/// can let the next writer in.
/// </summary>
public sealed class WriteScope : IAsyncDisposable
{
    private readonly WriteLane _lane;
    private readonly bool _ownsConnection;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private bool _committed;

    internal WriteScope(DbConnection connection, DbTransaction transaction, ISqlDialect dialect, WriteLane lane, bool ownsConnection)
    {
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        _lane = lane;
        _ownsConnection = ownsConnection;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>The dialect of the database, which runs <see cref="BatchCommand{T}"/> its own way.</summary>
    public ISqlDialect Dialect { get; }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        _committed = true;
        _lane.Committed();
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
                catch (Exception ex) when (ex is InvalidOperationException or DbException)
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
            _lane.Released(System.Diagnostics.Stopwatch.GetElapsedTime(_started));
        }
    }
}
