using System.Data.Common;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>Opens a connection and begins its transaction (SQLite: BEGIN IMMEDIATE, so writers queue instead of failing).</summary>
internal static class SqlSessionOpener
{
    public static async Task<(DbConnection Connection, DbTransaction Transaction)> OpenAsync(Database database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            return (connection, await connection.BeginTransactionAsync(cancellationToken));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
