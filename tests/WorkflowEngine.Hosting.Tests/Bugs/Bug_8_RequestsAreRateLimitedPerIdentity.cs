using System.Net;
using System.Text;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Nothing limited how fast one caller could send requests: one script could take the whole host. Each identity (the
/// signed-in user, else the client's address) has its own token bucket now, and submissions a stricter one; a caller
/// over its limit gets 429 with Retry-After.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_RequestsAreRateLimitedPerIdentity
{
    [Fact]
    public async Task CallerOverTheLimit_Gets429WithRetryAfter_AndOthersAreServed()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs:
        [
            "--RateLimits:Requests:TokenLimit=5",
            "--RateLimits:Requests:TokensPerPeriod=1",
            "--RateLimits:Requests:ReplenishmentPeriod=01:00:00",
        ]);
        using var zhangsan = host.Client("zhangsan");
        using var lisi = host.Client("lisi");
        using var anonymous = host.Client();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await zhangsan.GetAsync("/api/applications")).StatusCode);
        }

        using var refused = await zhangsan.GetAsync("/api/applications");

        var problem = await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.True(refused.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        Assert.Contains("稍后", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await lisi.GetAsync("/api/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/services")).StatusCode);
    }

    [Fact]
    public async Task Submissions_HaveAStricterLimit()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs:
        [
            "--RateLimits:Submissions:TokenLimit=2",
            "--RateLimits:Submissions:TokensPerPeriod=1",
            "--RateLimits:Submissions:ReplenishmentPeriod=01:00:00",
        ]);
        using var client = host.Client("zhangsan");
        var body = BusinessOpening.Application().ToJsonString();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);
        }

        using var refused = await client.PostAsync("/api/applications", new StringContent(body, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/applications")).StatusCode);
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var limits = new RateLimitSettings();

        Assert.True(limits.Enabled);
        Assert.Equal(300, limits.Requests.TokenLimit);
        Assert.Equal(10, limits.Requests.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromSeconds(1), limits.Requests.ReplenishmentPeriod);
        Assert.Equal(20, limits.Submissions.TokenLimit);
        Assert.Equal(10, limits.Submissions.TokensPerPeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), limits.Submissions.ReplenishmentPeriod);
    }
}
