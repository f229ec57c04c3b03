using System.Data.Common;
using DbUp.Builder;
using DbUp.Engine;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// Runs a dialect's embedded migration scripts, each in a transaction of its own: for <see cref="DatabaseSchema.Engine"/>
/// every table, <c>Migrations/&lt;dialect&gt;/*.sql</c>, journaled in DbUp's default table (<c>SchemaVersions</c>); for
/// <see cref="DatabaseSchema.Department"/> a department host's tables only, <c>Migrations/Departments/&lt;dialect&gt;/*.sql</c>,
/// journaled in a table of their own, so that the two sets never mistake each other's scripts for their own. A
/// department-table change is written in both sets; <c>DepartmentSchemaTests</c> finds a twin missing.
/// </summary>
internal static class MigrationScripts
{
    /// <summary>DbUp journals a script by its resource name: these are the names the scripts had in WorkflowEngine.Persistence.</summary>
    public const string Prefix = "WorkflowEngine.Persistence.Migrations.";

    /// <summary>
    /// Runs the scripts while <paramref name="connection"/> holds a lock of the database: DbUp's journal is not made for
    /// two upgrades at once, and several processes sharing a database may start together.
    /// </summary>
    public static void RunHolding(DbConnection connection, string takeLock, string releaseLock, Target target, DatabaseSchema schema)
    {
        Execute(connection, takeLock);
        try
        {
            Run(target, schema);
        }
        finally
        {
            Execute(connection, releaseLock);
        }
    }

    public static void Run(Target target, DatabaseSchema schema)
    {
        var engine = Scripts(target.Database(), $"{Prefix}{target.Folder}.");
        var department = Scripts(target.JournalToDepartmentTable(target.Database()), $"{Prefix}Departments.{target.Folder}.");
        var upgrade = schema switch
        {
            DatabaseSchema.Engine when Journaled(department) && !Journaled(engine) => throw new InvalidOperationException(
                "This database holds a department host's tables only (its migrations are journaled apart): an engine or all-in-one host needs a database of its own."),
            DatabaseSchema.Engine => engine,
            // A department host's database migrated with every script before the department's set existed: its journal
            // names the whole set's scripts, and the department's set would fail on its first table. It keeps the whole set.
            _ when Journaled(engine) => engine,
            _ => department,
        };

        var result = upgrade.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        }
    }

    private static UpgradeEngine Scripts(UpgradeEngineBuilder database, string prefix) =>
        database
            .WithScriptsEmbeddedInAssembly(typeof(MigrationScripts).Assembly, name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

    /// <summary>Whether the upgrader's journal names any script (false where its table does not exist).</summary>
    private static bool Journaled(UpgradeEngine upgrade) => upgrade.GetExecutedScripts().Count > 0;

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A dialect's DbUp: a new builder on the database (journaling in DbUp's default table), the folder of its scripts, and
    /// how the department's set journals instead.
    /// </summary>
    public sealed record Target(Func<UpgradeEngineBuilder> Database, string Folder, Func<UpgradeEngineBuilder, UpgradeEngineBuilder> JournalToDepartmentTable);
}
