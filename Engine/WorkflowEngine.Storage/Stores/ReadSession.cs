using System.Data.Common;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// A connection for the reads of one batch, outside any write transaction; with a <paramref name="snapshot"/>
/// (<see cref="Dialects.ISqlDialect.BeginSnapshotAsync"/>), reads that all see one committed state.
/// </summary>
public abstract class ReadSession(DbConnection connection, DbTransaction? snapshot = null) : IAsyncDisposable
{
    protected DbConnection Connection { get; } = connection;

    /// <summary>The read transaction every read of the session runs in, if it has one.</summary>
    protected DbTransaction? Snapshot { get; } = snapshot;

    public async ValueTask DisposeAsync()
    {
        if (Snapshot is not null)
        {
            await Snapshot.DisposeAsync();
        }

        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
