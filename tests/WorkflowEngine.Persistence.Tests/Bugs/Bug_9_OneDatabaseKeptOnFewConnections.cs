using Dapper;
using Npgsql;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Persistence.Tests.Bugs;

/// <summary>
/// Issue 9's distributed benchmark found the engine host holding 57 connections to its database, each a PostgreSQL server
/// process with its own catalog cache and prepared statements to fill (43 catalog index scans per bundle): the migrations
/// kept a pool of their own open beside the stores' one, and the stores' pool grew to whatever was asked of it at once
/// (Npgsql's default of 100), far beyond the database server's cores. Counted from the server's own list of connections
/// (<c>pg_stat_activity</c>) by the test's application name, so nothing else on the server counts.
/// </summary>
[Trait("Category", "Integration")]
[DatabaseServer(PostgreSqlStoreTests.Variable, "WFE_TEST_POSTGRES is not set: it holds an admin connection string of a PostgreSQL server these tests may create databases on (.ci/run starts one and sets it)")]
public sealed class Bug_9_OneDatabaseKeptOnFewConnections : IAsyncLifetime
{
    /// <summary>The pool's size where the connection string does not set one, as docs/operations.md gives it.</summary>
    private const int PoolSize = 16;

    private readonly PostgresDatabases _databases = new();

    private readonly string _name = $"bug9-{Guid.NewGuid():N}"[..20];

    private string _connectionString = "";

    public async Task InitializeAsync() =>
        _connectionString = new NpgsqlConnectionStringBuilder(await _databases.CreateAsync("bug9")) { ApplicationName = _name }.ConnectionString;

    public async Task DisposeAsync() => await _databases.DisposeAsync();

    [StoreFact]
    public async Task MigratedThenUsedOneAfterAnother_TheMigrationsKeepNoPoolOfTheirOwn()
    {
        var database = new Database(new PostgreSqlDialect(), _connectionString);
        database.Migrate();

        for (var i = 0; i < 20; i++)
        {
            // A fresh dialect instance each time, as each host's composition makes its own.
            var again = new Database(new PostgreSqlDialect(), _connectionString);
            await using var connection = await again.OpenAsync(CancellationToken.None);
            await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM applications");
        }

        // The migrations hold the migration lock on one connection while their scripts run on another; after them the
        // stores use those same two, where a pool of the migrations' own kept both and the stores opened a third.
        Assert.InRange(await ConnectionsAsync(), 1, 2);
    }

    [StoreFact]
    public async Task ManyReadersAtOnce_ShareAPoolSizedToTheServer_NotOneConnectionEach()
    {
        var database = new Database(new PostgreSqlDialect(), _connectionString);
        var peak = 0L;

        await Task.WhenAll(Enumerable.Range(0, 48).Select(async _ =>
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            await connection.ExecuteAsync("SELECT pg_sleep(0.3)");
            var now = await ConnectionsAsync();
            InterlockedMax(ref peak, now);
        }));

        Assert.InRange(peak, 1, PoolSize);
        Assert.InRange(await ConnectionsAsync(), 1, PoolSize);
    }

    private async Task<long> ConnectionsAsync() =>
        await PostgresDatabases.ScalarAsync(
            Environment.GetEnvironmentVariable(PostgresDatabases.Variable)!,
            $"SELECT count(*) FROM pg_stat_activity WHERE application_name = '{_name}'");

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Interlocked.Read(ref target);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
