using System.Net;
using WorkflowEngine.Testing;
using WorkflowEngine.Testing.Platform;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Signing out of a session begun at the identity platform ends it here on every device, as a local account's sign-out
/// does: a copy of the session cookie (kept by another browser, or taken) stops opening anything. Before the fix only
/// this browser's cookie was deleted, and a copy worked until it expired. A platform that offers no sign-out still lets
/// the person sign out here, and the sign-in page says that the platform's own session may still stand (before the fix
/// it said nothing).
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_PlatformSignOutEndsEverySession(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Queue = "/api/departments/SAMR/tasks";

    [Fact]
    public async Task SignOut_OfAPlatformSession_EndsACopyOfItsCookie_AndTheNextSignInWorks()
    {
        using var browser = new FormBrowser();
        await PlatformSignInTests.SignInAtPlatformAsync(fixture.Host, fixture.Platform, browser, PlatformFixture.Clerk, "/account");
        using var copy = CopyOfSession(fixture.Host, browser);
        var account = await browser.GetAsync(new Uri(fixture.Host.Address, "/account"));
        using var before = await copy.GetAsync(Queue);

        await browser.SubmitAsync(account, "/account/logout");
        using var after = await copy.GetAsync(Queue);
        using var again = new FormBrowser();
        await PlatformSignInTests.SignInAtPlatformAsync(fixture.Host, fixture.Platform, again, PlatformFixture.Clerk, "/account");
        var queueAgain = await again.GetAsync(new Uri(fixture.Host.Address, Queue));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queueAgain.Status);
    }

    [Fact]
    public async Task SignOut_WhereThePlatformOffersNone_EndsTheSessionHere_AndSaysThePlatformsMayStand()
    {
        await using var platform = await IdentityPlatform.StartAsync(publishesEndSession: false);
        platform.Add(PlatformFixture.Clerk);
        await using var host = await AllInOneHost.StartAsync(TimeProvider.System.GetUtcNow(), extraArgs:
        [
            $"--Authentication:Oidc:Authority={platform.Authority}",
            $"--Authentication:Oidc:ClientId={IdentityPlatform.ClientId}",
            $"--Authentication:Oidc:ClientSecret={IdentityPlatform.ClientSecret}",
            "--Authentication:Oidc:DisplayName=省统一身份认证平台",
            "--Authentication:Oidc:RoleClaim=gov_role",
            "--Authentication:Oidc:DepartmentClaim=gov_dept",
            "--Authentication:Oidc:RoleMap:gov-window-clerk=clerk",
        ]);
        platform.AllowRedirectTo(new Uri(host.Address, "/signin-oidc"));
        using var browser = new FormBrowser();
        await PlatformSignInTests.SignInAtPlatformAsync(host, platform, browser, PlatformFixture.Clerk, "/account");
        using var copy = CopyOfSession(host, browser);
        var account = await browser.GetAsync(new Uri(host.Address, "/account"));

        var signedOut = await browser.SubmitAsync(account, "/account/logout");
        var afterwards = await browser.GetAsync(new Uri(host.Address, "/account"));
        using var copyAfterwards = await copy.GetAsync(Queue);

        Assert.Equal((HttpStatusCode.OK, "/account/login"), (signedOut.Status, signedOut.Url.AbsolutePath));
        Assert.Contains("您已在所有设备上退出一件事一次办。省统一身份认证平台未向本系统提供退出登录", WebUtility.HtmlDecode(signedOut.Html), StringComparison.Ordinal);
        Assert.Empty(platform.EndSessions);
        Assert.Equal("/account/login", afterwards.Url.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, copyAfterwards.StatusCode);
    }

    /// <summary>Another client holding a copy of the browser's session cookie, as a second device or a thief would.</summary>
    private static HttpClient CopyOfSession(AllInOneHost host, FormBrowser browser)
    {
        var session = browser.Cookies.GetCookies(host.Address).Cast<Cookie>().Single(c => c.Name == ".WorkflowEngine.Session");
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"{session.Name}={session.Value}");
        return client;
    }
}
