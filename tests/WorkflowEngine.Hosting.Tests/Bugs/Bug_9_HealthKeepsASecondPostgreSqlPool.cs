using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Npgsql;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// <c>/health</c>'s PostgreSQL check built a pool of its own from the raw connection string, beside the dialect's one data
/// source: every host kept a second set of server processes to its database (Npgsql's default of up to 100), each with
/// its own catalog cache warmed again, for a <c>SELECT 1</c>. The check now asks through the dialect's data source.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_HealthKeepsASecondPostgreSqlPool
{
    [PostgresFact]
    public async Task HealthRequests_OpenNoPoolBesideTheDialects_AndStillReportThePostgreSqlCheck()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("health_pool");
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}"]);
        using var admin = host.Client("admin");

        var checks = new List<string?>();
        for (var round = 0; round < 3; round++)
        {
            // Ten monitors at once, as a load balancer's and an orchestrator's probes come.
            var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => admin.GetStringAsync("/health")));
            checks.AddRange(answers.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("checks").GetProperty("postgresql").GetString()));
        }

        var pools = PoolsOf(database);
        // Counted with a connection of the test's own (its own pool, which is why the pools were counted first).
        var backends = await PostgresDatabases.ScalarAsync(
            connectionString, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");

        Assert.All(checks, c => Assert.Equal("Healthy", c));
        Assert.Equal(new long[] { PostgreSqlDialect.PoolSize }, pools.Select(p => p.Max).ToArray());
        Assert.InRange(backends, 1, PostgreSqlDialect.PoolSize);
    }

    /// <summary>
    /// The connection pools this process holds to <paramref name="database"/>, with the most connections each may open, as
    /// Npgsql reports them (one <c>db.client.connection.max</c> measurement per data source).
    /// </summary>
    private static List<(string Pool, long Max)> PoolsOf(string database)
    {
        var found = new List<(string Pool, long Max)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.connection.max")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Add(value, tags));
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        listener.Start();
        listener.RecordObservableInstruments();
        return found;

        void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "db.client.connection.pool.name" && tag.Value is string pool && pool.Contains(database, StringComparison.OrdinalIgnoreCase))
                {
                    found.Add((pool, value));
                }
            }
        }
    }
}
