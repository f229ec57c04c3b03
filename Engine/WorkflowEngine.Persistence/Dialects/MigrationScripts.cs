using DbUp.Builder;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>Runs a dialect's embedded migration scripts, <c>Migrations/&lt;folder&gt;/*.sql</c>, each in a transaction of its own.</summary>
internal static class MigrationScripts
{
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
}
