using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>The store suite on SQLite, in a fresh file per test.</summary>
public sealed class SqliteStoreTests : StoreComplianceTests
{
    private readonly string _directory = Directory.CreateTempSubdirectory("workflow-sqlite-").FullName;

    protected override Task<Database> CreateDatabaseAsync()
    {
        var database = new Database(new SqliteDialect(), $"Data Source={Path.Combine(_directory, "test.db")}");
        database.Migrate();
        return Task.FromResult(database);
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}
