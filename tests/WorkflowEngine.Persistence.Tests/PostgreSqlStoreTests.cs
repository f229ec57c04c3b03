using Npgsql;
using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// The store suite on PostgreSQL, in a fresh database per test on the server <c>WFE_TEST_POSTGRES</c> names (an admin
/// connection string whose role may create databases; <c>.ci/run</c> starts a server and sets it).
/// </summary>
[Trait("Category", "Integration")]
[DatabaseServer(Variable, "WFE_TEST_POSTGRES is not set: it holds an admin connection string of a PostgreSQL server these tests may create databases on (.ci/run starts one and sets it)")]
public sealed class PostgreSqlStoreTests : SharedDatabaseStoreTests
{
    public const string Variable = "WFE_TEST_POSTGRES";

    private static string Admin => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    protected override ISqlDialect Dialect { get; } = new PostgreSqlDialect();

    protected override Task CreateAsync(string name) => AdminAsync($"CREATE DATABASE \"{name}\"");

    protected override Task DropAsync(string name)
    {
        foreach (var process in new[] { "process-a", "process-b" })
        {
            using var connection = new NpgsqlConnection(ConnectionString(name, process));
            NpgsqlConnection.ClearPool(connection);
        }

        return AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    protected override string ConnectionString(string database, string process) =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = database, ApplicationName = process }.ConnectionString;

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
