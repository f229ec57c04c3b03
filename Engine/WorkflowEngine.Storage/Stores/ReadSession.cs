using System.Data.Common;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>A connection for the reads of one batch, outside any write transaction.</summary>
public abstract class ReadSession(DbConnection connection) : IAsyncDisposable
{
    protected DbConnection Connection { get; } = connection;

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
