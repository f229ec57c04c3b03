using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// With its database gone, <c>/health</c> answered <c>{status, error}</c> and no check at all, so an operator could not
/// tell which dependency was down. Every registered check is reported with its own status now; since no administrator
/// can be recognised without the database, to everyone.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_HealthHidesTheChecksWhenTheDatabaseIsDown
{
    [Fact]
    public async Task TheEngineHost_ReportsEachCheck_WithTheDatabaseGone()
    {
        await using var host = await AllInOneHost.StartAsync();
        await AssertEachCheckReportedAsync(host);
    }

    [Fact]
    public async Task ADepartmentHost_ReportsEachCheck_WithTheDatabaseGone()
    {
        await using var host = await AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=SAMR");
        await AssertEachCheckReportedAsync(host);
    }

    private static async Task AssertEachCheckReportedAsync(AllInOneHost host)
    {
        // The database file taken away and a folder in its place: no connection opens any more.
        var file = Path.Combine(host.DataDirectory, "workflow.db");
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        Directory.CreateDirectory(file);
        using var anyone = host.Client();

        using var response = await anyone.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("sqlite").GetString());
        Assert.Equal("Healthy", checks.GetProperty("masstransit-bus").GetString());
        // The reasons stay an administrator's.
        Assert.False(health.TryGetProperty("error", out _));
    }
}
