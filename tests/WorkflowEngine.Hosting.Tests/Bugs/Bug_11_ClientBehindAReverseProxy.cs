using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Behind a TLS-terminating reverse proxy the host saw every citizen as the proxy's address and every request as plain
/// HTTP: all anonymous callers shared one rate limit (one script locked everyone out), the sign-in record named the
/// proxy, and cookies were not marked Secure. The docs told operators to "configure forwarded headers", which the host
/// had no setting for. <c>ReverseProxy:KnownProxies</c>/<c>KnownNetworks</c> now name the proxies it believes; the
/// headers from anyone else are still ignored, so a client cannot pick the address it is limited and recorded by.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_ClientBehindAReverseProxy
{
    private static readonly string[] TightAnonymousLimit =
    [
        "--RateLimits:Requests:TokenLimit=3",
        "--RateLimits:Requests:TokensPerPeriod=1",
        "--RateLimits:Requests:ReplenishmentPeriod=01:00:00",
    ];

    // The tests' host listens on loopback, so "the proxy" is the test itself.
    private static readonly string[] LoopbackIsTheProxy = ["--ReverseProxy:KnownProxies:0=127.0.0.1"];

    [Fact]
    public async Task BehindATrustedProxy_EachCitizenHasTheirOwnLimit()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: [.. TightAnonymousLimit, .. LoopbackIsTheProxy]);
        using var flooder = Forwarded(host, "203.0.113.10");
        using var neighbour = Forwarded(host, "203.0.113.11");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await flooder.GetAsync("/api/services")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await flooder.GetAsync("/api/services")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.GetAsync("/api/services")).StatusCode);
    }

    [Fact]
    public async Task WithNoProxyConfigured_AForwardedAddressDoesNotEscapeTheLimit()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: TightAnonymousLimit);
        using var flooder = Forwarded(host, "203.0.113.10");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await flooder.GetAsync("/api/services")).StatusCode);
        }

        // The same caller claiming to be someone else is still the same caller.
        using var disguised = Forwarded(host, "198.51.100.77");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await disguised.GetAsync("/api/services")).StatusCode);
    }

    [Theory]
    [InlineData(true, "203.0.113.20")]
    [InlineData(false, "127.0.0.1")]
    public async Task TheSignInRecord_NamesTheClient_OnlyWhenTheProxyIsTrusted(bool trusted, string recorded)
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: trusted ? LoopbackIsTheProxy : []);
        using var client = Forwarded(host, "203.0.113.20");

        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = "zhangsan", password = "Demo#2026" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await host.ScalarAsync(
            "SELECT COUNT(*) FROM sign_in_events WHERE user_name = 'zhangsan' AND client_address = @recorded", new { recorded }));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task AFormsCookie_IsSecure_WhenATrustedProxySaysTheRequestWasHttps(bool trusted, bool secure)
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: trusted ? LoopbackIsTheProxy : []);
        using var client = Forwarded(host, "203.0.113.30");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var page = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Equal(secure, antiforgery.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("--ReverseProxy:KnownProxies:0=proxy.example", "ReverseProxy:KnownProxies")]
    [InlineData("--ReverseProxy:KnownNetworks:0=10.0.0.1/8", "ReverseProxy:KnownNetworks")]
    [InlineData("--ReverseProxy:KnownNetworks:0=10.0.0.0/33", "ReverseProxy:KnownNetworks")]
    public void ASettingThatNamesNoProxy_StopsTheHost_SayingWhich(string setting, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllInOneApp.Build(
            ["--environment=Development", "--urls=http://127.0.0.1:0", $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}", setting]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForwardLimitOutOfRange_StopsTheHost()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllInOneApp.Build(
            ["--environment=Development", "--urls=http://127.0.0.1:0", $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
             "--ReverseProxy:KnownProxies:0=10.0.0.5", "--ReverseProxy:ForwardLimit=0"]));

        Assert.Contains("ReverseProxy:ForwardLimit", error.Message, StringComparison.Ordinal);
    }

    private static HttpClient Forwarded(AllInOneHost host, string clientAddress)
    {
        var client = host.Client();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return client;
    }
}
