using System.Data.Common;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>An open connection with its transaction; rolled back on dispose unless committed.</summary>
public abstract class SqlSession(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private bool _committed;

    protected DbConnection Connection { get; } = connection;

    protected DbTransaction Transaction { get; } = transaction;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
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
        await Connection.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
