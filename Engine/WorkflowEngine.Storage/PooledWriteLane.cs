using System.Data;

namespace WorkflowEngine.Persistence;

/// <summary>
/// Write transactions on a database that takes many writers (PostgreSQL, SQL Server): a pooled connection and a
/// transaction each, side by side, in this process and in any other sharing the database.
/// </summary>
/// <remarks>
/// READ COMMITTED is enough: no write trusts a read made before it without checking it again in the write itself. An
/// application is updated only at the version it was read at, a task only in the status it was read in, a message is
/// consumed only if its inbox key is new (a unique key), and a lease locks the rows it takes and skips those another
/// transaction holds. A concurrent change thus makes the write affect fewer rows, which the stores turn into a
/// <see cref="Runtime.Stores.ConcurrencyException"/> and the commit loops into a retry on fresh state. REPEATABLE READ or
/// SERIALIZABLE would only add serialization failures to retry the same way.
/// </remarks>
public sealed class PooledWriteLane(Database database) : WriteLane
{
    public override async Task<WriteScope> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new WriteScope(connection, transaction, database.Dialect, this, ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
