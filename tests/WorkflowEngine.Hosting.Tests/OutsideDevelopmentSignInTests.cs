using System.Net;
using WorkflowEngine.Hosting.Startup;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A deployment (the Production environment): no demo account and no demo header, the first administrator from
/// <c>Identity:BootstrapAdmin</c> or <c>set-password</c>, and session cookies that travel only over HTTPS.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutsideDevelopmentSignInTests : IAsyncLifetime
{
    private const string BootstrapPassword = "first admin password 2026";
    private AllInOneHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await AllInOneHost.StartAsync(extraArgs: ["--environment=Production", $"--Identity:BootstrapAdmin:Password={BootstrapPassword}"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task NoDemoAccountExists_AndTheDemoHeaderSignsNobodyIn()
    {
        using var demoPassword = await TokenSignInTests.RequestTokenAsync(_host, "zhangsan", "Demo#2026");
        using var header = _host.Client("admin");
        using var viaHeader = await header.GetAsync("/api/incidents");

        await ProblemAssert.IsAsync(demoPassword, HttpStatusCode.Unauthorized);
        var problem = await ProblemAssert.IsAsync(viaHeader, HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("X-Demo-User", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBootstrapAdministrator_SignsInOnThePage_WithASecureCookie()
    {
        using var browser = PageSignInTests.Browser(_host);

        using var response = await PageSignInTests.PostLoginAsync(browser, "admin", BootstrapPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".WorkflowEngine.Session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SetPassword_CreatesAnAdministrator_WhoseTokenDoesAdministratorsWork()
    {
        using var output = new StringWriter();

        var tooShort = await PasswordCommand.RunAsync(_host.Services, "ops", new StringReader("short"), output);
        var set = await PasswordCommand.RunAsync(_host.Services, "ops", new StringReader("operator password 2026"), output);
        using var client = await TokenSignInTests.SignedInAsync(_host, "ops", "operator password 2026");
        using var incidents = await client.GetAsync("/api/incidents");

        Assert.Equal((1, 0), (tooShort, set));
        Assert.Contains("Created the administrator ops.", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, incidents.StatusCode);
    }

    [Fact]
    public async Task SetPassword_EndsTheSessionsOfTheUser()
    {
        using var before = await TokenSignInTests.SignedInAsync(_host, "admin", BootstrapPassword);
        using var output = new StringWriter();

        Assert.Equal(0, await PasswordCommand.RunAsync(_host.Services, "admin", new StringReader("a changed admin password"), output));
        using var refused = await before.GetAsync("/api/incidents");

        await ProblemAssert.IsAsync(refused, HttpStatusCode.Unauthorized);
    }
}
