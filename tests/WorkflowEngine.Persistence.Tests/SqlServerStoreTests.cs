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

    protected override (string[] Refuse, string Allow) FailingPasswordInserts => (
        ["CREATE TRIGGER refuse_passwords ON user_credentials INSTEAD OF INSERT AS THROW 50000, 'injected failure', 1;"],
        "DROP TRIGGER refuse_passwords");

    private static string Admin => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    protected override ISqlDialect Dialect { get; } = new SqlServerDialect();

    protected override Task CreateAsync(string name) => AdminAsync($"CREATE DATABASE [{name}]");

    protected override Task DropAsync(string name)
    {
        SqlConnection.ClearAllPools();
        return AdminAsync($"IF DB_ID(N'{name}') IS NOT NULL BEGIN ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]; END");
    }

    protected override string ConnectionString(string database, string process) =>
        new SqlConnectionStringBuilder(Admin) { InitialCatalog = database, ApplicationName = process }.ConnectionString;

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new SqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new SqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
