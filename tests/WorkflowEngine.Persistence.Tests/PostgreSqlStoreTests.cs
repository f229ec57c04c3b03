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

    private readonly string _name = "wfe_test_" + Guid.NewGuid().ToString("N")[..20];
    private readonly List<string> _connectionStrings = [];

    private static string Admin => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    protected override async Task<Database> CreateDatabaseAsync()
    {
        await AdminAsync($"CREATE DATABASE \"{_name}\"");
        var database = new Database(new PostgreSqlDialect(), ConnectionString("process-a"));
        database.Migrate();
        return database;
    }

    protected override Database OpenSecondProcess() => new(new PostgreSqlDialect(), ConnectionString("process-b"));

    protected override async Task DropDatabaseAsync()
    {
        foreach (var connectionString in _connectionStrings)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    /// <summary>A connection string of its own (and so a pool of its own) for each process a test stands for.</summary>
    private string ConnectionString(string process)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Admin) { Database = _name, ApplicationName = process }.ConnectionString;
        _connectionStrings.Add(connectionString);
        return connectionString;
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
