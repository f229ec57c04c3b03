using System.Data.Common;
using DbUp.Builder;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>Runs a dialect's embedded migration scripts, <c>Migrations/&lt;folder&gt;/*.sql</c>, each in a transaction of its own.</summary>
internal static class MigrationScripts
{
    /// <summary>
    /// Runs the scripts while <paramref name="connection"/> holds a lock of the database: DbUp's journal is not made for
    /// two upgrades at once, and several processes sharing a database may start together.
    /// </summary>
    public static void RunHolding(DbConnection connection, string takeLock, string releaseLock, UpgradeEngineBuilder database, string folder)
    {
        Execute(connection, takeLock);
        try
        {
            Run(database, folder);
        }
        finally
        {
            Execute(connection, releaseLock);
        }
    }

    public static void Run(UpgradeEngineBuilder database, string folder)
    {
        var result = database
            .WithScriptsEmbeddedInAssembly(typeof(MigrationScripts).Assembly, name => name.Contains($".Migrations.{folder}.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
