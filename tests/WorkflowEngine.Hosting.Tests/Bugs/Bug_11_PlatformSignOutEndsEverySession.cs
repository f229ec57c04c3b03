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
        await using var host = await AllInOneHost.StartAsync(TimeProvider.System.GetUtcNow(), extraArgs: PlatformArgs(platform));
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

    /// <summary>
    /// The platform is down when the person signs out (here: the host restarted since the sign-in, so it has to fetch the
    /// platform's metadata again, and the platform does not answer). The session ends here all the same, and the sign-in
    /// page says the platform could not be reached — before the fix it said the platform offers no sign-out, which is
    /// not true and sends an operator looking in the wrong place.
    /// </summary>
    [Fact]
    public async Task SignOut_WhileThePlatformIsDown_EndsTheSessionHere_AndSaysThePlatformCouldNotBeReached()
    {
        var directory = Directory.CreateTempSubdirectory("wfe-platform-down-");
        try
        {
            var platform = await IdentityPlatform.StartAsync();
            platform.Add(PlatformFixture.Clerk);
            string[] args = [.. PlatformArgs(platform), $"--Identity:KeysPath={Path.Combine(directory.FullName, "keys")}"];
            string session;
            await using (var first = await AllInOneHost.StartInAsync(directory, TimeProvider.System.GetUtcNow(), null, args))
            {
                platform.AllowRedirectTo(new Uri(first.Address, "/signin-oidc"));
                using var signedIn = new FormBrowser();
                await PlatformSignInTests.SignInAtPlatformAsync(first, platform, signedIn, PlatformFixture.Clerk, "/account");
                session = signedIn.Cookies.GetCookies(first.Address).Cast<Cookie>().Single(c => c.Name == ".WorkflowEngine.Session").Value;
            }

            await platform.DisposeAsync();
            await using var host = await AllInOneHost.StartInAsync(directory, TimeProvider.System.GetUtcNow(), null, args);
            using var browser = new FormBrowser();
            browser.Cookies.Add(new Cookie(".WorkflowEngine.Session", session, "/", host.Address.Host));
            var account = await browser.GetAsync(new Uri(host.Address, "/account"));

            var signedOut = await browser.SubmitAsync(account, "/account/logout");
            using var copy = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Address };
            copy.DefaultRequestHeaders.Add("Cookie", $".WorkflowEngine.Session={session}");
            using var copyAfterwards = await copy.GetAsync(Queue);

            Assert.Equal("/account", account.Url.AbsolutePath);
            Assert.Equal((HttpStatusCode.OK, "/account/login"), (signedOut.Status, signedOut.Url.AbsolutePath));
            var text = WebUtility.HtmlDecode(signedOut.Html);
            Assert.Contains("暂时无法连接省统一身份认证平台，未能在该平台上一并退出", text, StringComparison.Ordinal);
            Assert.DoesNotContain("未向本系统提供退出登录", text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, copyAfterwards.StatusCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The host's settings for the test's identity platform, named 省统一身份认证平台.</summary>
    private static string[] PlatformArgs(IdentityPlatform platform) =>
    [
        $"--Authentication:Oidc:Authority={platform.Authority}",
        $"--Authentication:Oidc:ClientId={IdentityPlatform.ClientId}",
        $"--Authentication:Oidc:ClientSecret={IdentityPlatform.ClientSecret}",
        "--Authentication:Oidc:DisplayName=省统一身份认证平台",
        "--Authentication:Oidc:RoleClaim=gov_role",
        "--Authentication:Oidc:DepartmentClaim=gov_dept",
        "--Authentication:Oidc:RoleMap:gov-window-clerk=clerk",
    ];

    /// <summary>Another client holding a copy of the browser's session cookie, as a second device or a thief would.</summary>
    private static HttpClient CopyOfSession(AllInOneHost host, FormBrowser browser)
    {
        var session = browser.Cookies.GetCookies(host.Address).Cast<Cookie>().Single(c => c.Name == ".WorkflowEngine.Session");
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"{session.Name}={session.Value}");
        return client;
    }
}
