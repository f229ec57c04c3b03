using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// DbUp journals a script by its embedded resource name. The scripts moved from WorkflowEngine.Persistence to
/// WorkflowEngine.Storage and keep the names they had, so a database migrated before the move runs none of them again
/// (it would fail on its first <c>CREATE TABLE</c>).
/// </summary>
public sealed class MigrationJournalTests
{
    private const string Prefix = "WorkflowEngine.Persistence.Migrations.";

    [Fact]
    public void EveryDialectsScripts_KeepTheirResourceNamesFromBeforeTheMove()
    {
        var scripts = typeof(Database).Assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)).ToArray();

        Assert.All(scripts, name => Assert.StartsWith(Prefix, name, StringComparison.Ordinal));
        foreach (var folder in new[] { "Sqlite", "PostgreSql", "SqlServer" })
        {
            Assert.Contains($"{Prefix}{folder}.0001_initial.sql", scripts);
        }
    }

    [Fact]
    public async Task Migrate_JournalsEveryScriptUnderItsNameFromBeforeTheMove()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-journal-").FullName;
        try
        {
            await using (var database = new Database(new SqliteDialect(), $"Data Source={Path.Combine(directory, "test.db")}"))
            {
                database.Migrate();
                await using var connection = await database.OpenAsync(CancellationToken.None);
                var journaled = (await connection.QueryAsync<string>("SELECT ScriptName FROM SchemaVersions")).ToArray();

                Assert.Contains($"{Prefix}Sqlite.0001_initial.sql", journaled);
                Assert.All(journaled, name => Assert.StartsWith($"{Prefix}Sqlite.", name, StringComparison.Ordinal));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
