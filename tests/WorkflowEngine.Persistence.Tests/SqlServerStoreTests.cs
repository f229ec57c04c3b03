using Microsoft.Data.SqlClient;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// The store suite on SQL Server, in a fresh database per test on the server <c>WFE_TEST_SQLSERVER</c> names (an admin
/// connection string whose login may create databases). SQL Server cannot run on the build machines, so this suite runs
/// only where such a server is given; <see cref="SqlServerSyntaxTests"/> parses every statement on every machine.
/// </summary>
[Trait("Category", "Integration")]
[DatabaseServer(Variable, "WFE_TEST_SQLSERVER is not set: SQL Server cannot run on the build machines; set it to an admin connection string of a SQL Server these tests may create databases on")]
public sealed class SqlServerStoreTests : SharedDatabaseStoreTests
{
    public const string Variable = "WFE_TEST_SQLSERVER";

    private readonly string _name = "wfe_test_" + Guid.NewGuid().ToString("N")[..20];

    private static string Admin => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    protected override async Task<Database> CreateDatabaseAsync()
    {
        await AdminAsync($"CREATE DATABASE [{_name}]");
        var database = new Database(new SqlServerDialect(), ConnectionString("process-a"));
        database.Migrate();
        return database;
    }

    protected override Database OpenSecondProcess() => new(new SqlServerDialect(), ConnectionString("process-b"));

    protected override async Task DropDatabaseAsync()
    {
        SqlConnection.ClearAllPools();
        await AdminAsync($"IF DB_ID(N'{_name}') IS NOT NULL BEGIN ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]; END");
    }

    /// <summary>A connection string of its own (and so a pool of its own) for each process a test stands for.</summary>
    private string ConnectionString(string process) =>
        new SqlConnectionStringBuilder(Admin) { InitialCatalog = _name, ApplicationName = process }.ConnectionString;

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new SqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
