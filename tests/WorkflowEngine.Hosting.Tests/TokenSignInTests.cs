using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Sign-in for scripts: <c>POST /api/auth/token</c>, and the API taking the token with the same rules as every other sign-in.</summary>
[Trait("Category", "Integration")]
public sealed class TokenSignInTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string DemoPassword = IdentitySeeding.DemoPassword;

    private AllInOneHost Host => fixture.Host;

    internal static async Task<HttpResponseMessage> RequestTokenAsync(AllInOneHost host, string userName, string password)
    {
        using var client = host.Client();
        return await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
    }

    internal static async Task<HttpClient> SignedInAsync(AllInOneHost host, string userName, string password = DemoPassword)
    {
        using var response = await RequestTokenAsync(host, userName, password);
        var token = (await ProblemAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("accessToken").GetString();
        var client = host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Token_ForTheRightPassword_SaysHowLongItLasts()
    {
        using var response = await RequestTokenAsync(Host, "samr-clerk", DemoPassword);

        var token = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.Equal(3600, token.GetProperty("expiresIn").GetInt64());
        Assert.Equal(Host.Clock.GetUtcNow().AddHours(1), token.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.True(token.GetProperty("accessToken").GetString()!.Length > 40);
    }

    [Fact]
    public async Task Token_OnTheApi_HasTheSameRoleRulesAsEveryOtherSignIn()
    {
        using var clerk = await SignedInAsync(Host, "samr-clerk");
        using var admin = await SignedInAsync(Host, "admin");

        using var queue = await clerk.GetAsync("/api/departments/SAMR/tasks");
        using var otherQueue = await clerk.GetAsync("/api/departments/TAX/tasks");
        using var incidents = await clerk.GetAsync("/api/incidents");
        using var adminIncidents = await admin.GetAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherQueue.StatusCode);
        Assert.Equal("无权访问", (await ProblemAssert.IsAsync(incidents, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, adminIncidents.StatusCode);
    }

    [Fact]
    public async Task Token_WrongPasswordAndUnknownUser_GetTheSameAnswer_SoNamesCannotBeProbed()
    {
        using var wrong = await RequestTokenAsync(Host, "lisi", "not-the-password");
        using var unknown = await RequestTokenAsync(Host, "no-such-person", "not-the-password");

        var wrongProblem = await ProblemAssert.IsAsync(wrong, HttpStatusCode.Unauthorized);
        var unknownProblem = await ProblemAssert.IsAsync(unknown, HttpStatusCode.Unauthorized);
        Assert.Equal("用户名或密码不正确", wrongProblem.GetProperty("detail").GetString());
        Assert.Equal(
            (wrongProblem.GetProperty("title").GetString(), wrongProblem.GetProperty("detail").GetString()),
            (unknownProblem.GetProperty("title").GetString(), unknownProblem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task ForgedToken_IsRefusedWith401ProblemNotA500(string token)
    {
        using var client = Host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.GetAsync("/api/applications");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("/api/auth/token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoSignInAtAll_OnTheApi_Is401ProblemNotARedirect()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Host.Address };

        using var response = await client.GetAsync("/api/applications");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("/api/auth/token", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_AfterThePasswordChanges_IsRefused()
    {
        using var before = await SignedInAsync(Host, "hpf-clerk");
        var signIn = Host.Services.GetRequiredService<PasswordSignIn>();
        var user = (await Host.Services.GetRequiredService<IDirectoryStore>().FindUserAsync("hpf-clerk", CancellationToken.None))!;

        await signIn.SetPasswordAsync(user, "a new password 2026", null, SignInChannels.Operator, CancellationToken.None);
        using var refused = await before.GetAsync("/api/departments/HPF/tasks");
        using var after = await SignedInAsync(Host, "hpf-clerk", "a new password 2026");
        using var accepted = await after.GetAsync("/api/departments/HPF/tasks");

        await ProblemAssert.IsAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("a user name of 10,000 characters", "userName")]
    [InlineData("admin\u0000", "userName")]
    [InlineData("\u202Enimda", "userName")]
    [InlineData("", "userName")]
    public async Task HostileOrEmptyUserName_Is400WithTheFieldNamed(string userName, string field)
    {
        userName = userName.StartsWith("a user name of", StringComparison.Ordinal) ? new string('u', 10_000) : userName;

        using var response = await RequestTokenAsync(Host, userName, DemoPassword);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.NotEmpty(ProblemAssert.FieldError(problem, field));
    }

    [Fact]
    public async Task SignInEvents_AreReadByAdministratorsOnly_AndNeverHoldThePassword()
    {
        using (await RequestTokenAsync(Host, "psb-clerk", "wrong password 7731"))
        using (await SignedInAsync(Host, "psb-clerk"))
        {
        }

        using var admin = await SignedInAsync(Host, "admin");
        using var clerk = await SignedInAsync(Host, "psb-clerk");
        var events = await ProblemAssert.JsonAsync(await admin.GetAsync("/api/admin/sign-ins?user=psb-clerk"), HttpStatusCode.OK);
        using var refused = await clerk.GetAsync("/api/admin/sign-ins");

        var kinds = events.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["token-issued", "token-issued", "failed"], kinds);
        Assert.All(events.EnumerateArray(), e => Assert.Equal("127.0.0.1", e.GetProperty("clientAddress").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await Host.ScalarAsync("SELECT COUNT(*) FROM sign_in_events WHERE user_name LIKE '%7731%' OR user_name LIKE '%Demo#%'"));
    }

    [Fact]
    public async Task OpenApiDocument_NamesTheSignInSchemes_AndTheTokenEndpoint()
    {
        using var client = Host.Client();

        var document = await ProblemAssert.JsonAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(".WorkflowEngine.Session", schemes.GetProperty("session").GetProperty("name").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/auth/token", out _));
    }

    [Fact]
    public async Task ServiceToken_OfADepartmentHost_StillSignsInAsTheHost()
    {
        await using var host = await AllInOneHost.StartAsync(
            extraArgs: ["--ServiceAccounts:0:Name=psb-host", $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash("psb-secret-token")}", "--ServiceAccounts:0:Departments=PSB"]);
        using var service = host.Client();
        service.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "psb-secret-token");
        using var stranger = host.Client();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "psb-secret-token-not");

        // Signed in as the host, it may ask for a material (none here); a token no account holds is not signed in.
        using var asHost = await service.GetAsync($"/api/applications/{Guid.NewGuid()}/materials/{Guid.NewGuid()}");
        using var asStranger = await stranger.GetAsync($"/api/applications/{Guid.NewGuid()}/materials/{Guid.NewGuid()}");

        Assert.Equal("没有这个申请", (await ProblemAssert.IsAsync(asHost, HttpStatusCode.NotFound)).GetProperty("detail").GetString());
        await ProblemAssert.IsAsync(asStranger, HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// A department host's token rotated by editing the engine's configuration (<c>reloadConfigOnChange</c>): the new token
    /// is taken at the next request and the old one, which may have leaked, refused at its next request, with no restart;
    /// a hash left empty or mistyped accepts no token at all.
    /// </summary>
    [Fact]
    public async Task ServiceToken_RotatedByAConfigurationReload_TheOldTokenStopsAtItsNextRequest()
    {
        var configuration = new CountingConfiguration();
        await using var host = await AllInOneHost.StartAsync(
            configure: builder => ((IConfigurationBuilder)builder.Configuration).Add(configuration),
            extraArgs: ["--ServiceAccounts:0:Name=psb-host", $"--ServiceAccounts:0:TokenSha256={ServiceAccount.Hash("psb-token-old")}", "--ServiceAccounts:0:Departments=PSB"]);
        using var old = host.Client();
        old.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "psb-token-old");
        using var rotated = host.Client();
        rotated.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "psb-token-new");
        using var before = await old.GetAsync("/api/service-account");

        configuration.Change("ServiceAccounts:0:TokenSha256", ServiceAccount.Hash("psb-token-new"));
        using var oldAfter = await old.GetAsync("/api/service-account");
        using var newAfter = await rotated.GetAsync("/api/service-account");
        configuration.Change("ServiceAccounts:0:TokenSha256", ServiceAccount.Hash("psb-token-new")[..^1]);
        using var mistyped = await rotated.GetAsync("/api/service-account");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await ProblemAssert.IsAsync(oldAfter, HttpStatusCode.Unauthorized);
        Assert.Equal("psb-host", (await ProblemAssert.JsonAsync(newAfter, HttpStatusCode.OK)).GetProperty("name").GetString());
        await ProblemAssert.IsAsync(mistyped, HttpStatusCode.Unauthorized);
    }
}
