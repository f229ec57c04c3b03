using Npgsql;

namespace WorkflowEngine.Testing;

/// <summary>
/// Databases of a test's own on the PostgreSQL server of the test run (<c>WFE_TEST_POSTGRES</c>, started by
/// <c>.ci/postgres.sh</c>), dropped afterwards whoever is still connected.
/// </summary>
public sealed class PostgresDatabases : IAsyncDisposable
{
    public const string Variable = "WFE_TEST_POSTGRES";

    public const string NotConfigured =
        "WFE_TEST_POSTGRES is not set: no PostgreSQL server for this test run (bash .ci/run starts one; see .ci/postgres.sh).";

    private readonly List<string> _names = [];

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    private static string Admin => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException(NotConfigured);

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateAsync(string purpose)
    {
        var name = $"wfe_{purpose}_{Guid.NewGuid():N}"[..40];
        _names.Add(name);
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(Admin) { Database = name, ApplicationName = purpose }.ConnectionString;
    }

    /// <summary>One number from a database: a row count a test checks.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _names)
        {
            await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
