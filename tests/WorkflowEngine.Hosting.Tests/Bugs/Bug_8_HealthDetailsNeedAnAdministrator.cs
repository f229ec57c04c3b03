using System.Net;
using System.Text.Json;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// <c>/health</c> told anyone the database kind, the departments, the outbox backlog and the definition errors. An
/// anonymous caller gets the status alone now; the details need an administrator.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_HealthDetailsNeedAnAdministrator(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("zhangsan")]
    [InlineData("samr-clerk")]
    public async Task NonAdministrator_SeesTheStatusOnly(string? user)
    {
        using var client = fixture.Host.Client(user);

        using var response = await client.GetAsync("/health");

        var health = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(["status"], health.EnumerateObject().Select(p => p.Name));
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Administrator_SeesTheDetails()
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.GetAsync("/health");

        var health = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("sqlite", health.GetProperty("database").GetString());
        // Each dependency by its own check: the database file and the bus.
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("sqlite").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("masstransit-bus").GetString());
        Assert.Equal(JsonValueKind.Number, health.GetProperty("outboxPending").ValueKind);
        Assert.True(health.GetProperty("departments").GetInt32() > 0);
    }
}
