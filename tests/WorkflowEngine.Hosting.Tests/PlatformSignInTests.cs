using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using WorkflowEngine.Testing;
using WorkflowEngine.Testing.Platform;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Signing in at the unified identity platform, end to end: the host's sign-in page, the platform's authorization
/// endpoint and sign-in form, the code posted back to <c>/signin-oidc</c> and redeemed with PKCE, the RS256 id_token
/// checked, and the person signed in on the engine's pages with the role and department the platform's claims give;
/// and the platform's access tokens on the API.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PlatformSignInTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private AllInOneHost Host => fixture.Host;

    private IdentityPlatform Platform => fixture.Platform;

    /// <summary>From the host's sign-in page to the platform, where the person types their user name, and back.</summary>
    private Task<BrowserPage> SignInAtPlatformAsync(FormBrowser browser, PlatformUser user, string returnUrl, params (string, string)[] atPlatform) =>
        SignInAtPlatformAsync(Host, Platform, browser, user, returnUrl, atPlatform);

    /// <summary>The same, on a host and platform a test started itself.</summary>
    internal static async Task<BrowserPage> SignInAtPlatformAsync(
        AllInOneHost host, IdentityPlatform identityPlatform, FormBrowser browser, PlatformUser user, string returnUrl, params (string, string)[] atPlatform)
    {
        var login = await browser.GetAsync(new Uri(host.Address, "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        var platform = await browser.SubmitAsync(login, "handler=Platform");
        Assert.Equal(HttpStatusCode.OK, platform.Status);
        Assert.StartsWith(identityPlatform.Authority + "/authorize?", platform.Url.AbsoluteUri, StringComparison.Ordinal);
        return await browser.SubmitAsync(platform, "/authorize", [("username", user.UserName), .. atPlatform]);
    }

    private Task<BrowserPage> OpenAsync(FormBrowser browser, string path) => browser.GetAsync(new Uri(Host.Address, path));

    private async Task<JsonElement[]> SignInsAsync(string? user = null) =>
        (await Host.GetJsonAsync("admin", "/api/admin/sign-ins?limit=20" + (user is null ? "" : "&user=" + Uri.EscapeDataString(user)))).EnumerateArray().ToArray();

    [Fact]
    public async Task PlatformClerk_IsSignedIn_WithTheirNameAndDepartment_SeesTheirQueue_AndIsRefusedAnotherDepartment()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        await Host.TaskOfAsync(id);
        var tracking = (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString()!;
        var redeemed = Platform.CodesRedeemed;
        using var browser = new FormBrowser();

        var queue = await SignInAtPlatformAsync(browser, PlatformFixture.Clerk, "/desk");
        var account = await OpenAsync(browser, "/account");
        var otherQueue = await OpenAsync(browser, "/desk?department=TAX");

        Assert.Equal((HttpStatusCode.OK, "/desk"), (queue.Status, queue.Url.AbsolutePath));
        Assert.Contains(browser.History, u => u.AbsoluteUri == Host.Address + "signin-oidc");
        Assert.Equal(redeemed + 1, Platform.CodesRedeemed);
        Assert.Contains("市场监督管理局", queue.Html, StringComparison.Ordinal);
        Assert.Contains(tracking, queue.Html, StringComparison.Ordinal);
        Assert.Contains("李青", account.Html, StringComparison.Ordinal);
        Assert.Contains("SAMR", account.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherQueue.Status);
        Assert.Contains(await SignInsAsync("oidc:3201-0001"), e => e.GetProperty("kind").GetString() == "succeeded" && e.GetProperty("channel").GetString() == "oidc");
    }

    [Fact]
    public async Task PlatformClerkSession_OnTheApi_HasTheSameRules()
    {
        using var browser = new FormBrowser();
        await SignInAtPlatformAsync(browser, PlatformFixture.Clerk, "/account");

        var own = await OpenAsync(browser, "/api/departments/SAMR/tasks");
        var other = await OpenAsync(browser, "/api/departments/TAX/tasks");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Contains("无权访问", other.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformCitizen_WithNoRole_IsAnApplicant_AndMayNotOpenTheDesk()
    {
        using var browser = new FormBrowser();

        var applications = await SignInAtPlatformAsync(browser, PlatformFixture.Citizen, "/applications");
        var account = await OpenAsync(browser, "/account");
        var desk = await OpenAsync(browser, "/desk");

        Assert.Equal((HttpStatusCode.OK, "/applications"), (applications.Status, applications.Url.AbsolutePath));
        Assert.Contains("赵敏", account.Html, StringComparison.Ordinal);
        Assert.Contains("<dd>申请人</dd>", account.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "/account/denied"), (desk.Status, desk.Url.AbsolutePath));
    }

    [Fact]
    public async Task PlatformSubject_NamedLikeALocalAccount_StaysAPlatformApplicant_AndTheLocalAccountKeepsItsRole()
    {
        using var browser = new FormBrowser();

        await SignInAtPlatformAsync(browser, PlatformFixture.Impostor, "/account");
        var account = await OpenAsync(browser, "/account");
        var admin = await OpenAsync(browser, "/api/incidents");
        using var realAdmin = Host.Client("admin");
        using var incidents = await realAdmin.GetAsync("/api/incidents");

        Assert.Contains("冒名者", account.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, admin.Status);
        Assert.Equal(HttpStatusCode.OK, incidents.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheLocalSession_AndIsAudited()
    {
        using var browser = new FormBrowser();
        await SignInAtPlatformAsync(browser, PlatformFixture.Citizen, "/account");
        var account = await OpenAsync(browser, "/account");

        var signedOut = await browser.SubmitAsync(account, "/account/logout");
        var after = await OpenAsync(browser, "/account");

        Assert.Equal("/account/login", signedOut.Url.AbsolutePath);
        Assert.Equal("/account/login", after.Url.AbsolutePath);
        Assert.DoesNotContain("赵敏", after.Html, StringComparison.Ordinal);
        var latest = (await SignInsAsync("oidc:3201-0002"))[0];
        Assert.Equal(("signed-out", "oidc"), (latest.GetProperty("kind").GetString(), latest.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task SignOut_OfAPlatformSession_EndsItAtThePlatformWithTheIdTokenAsHint_ClearsTheSessionCookie_AndComesBack()
    {
        using var browser = new FormBrowser();
        await SignInAtPlatformAsync(browser, PlatformFixture.Citizen, "/account");
        var account = await OpenAsync(browser, "/account");
        var before = Platform.EndSessions.Count;
        browser.History.Clear();

        var signedOut = await browser.SubmitAsync(account, "/account/logout");
        var after = await OpenAsync(browser, "/account");

        var endSession = Assert.Single(Platform.EndSessions.Skip(before));
        Assert.Contains(browser.History, u => u.AbsoluteUri.StartsWith(Platform.Authority + "/end-session?", StringComparison.Ordinal));
        var hint = new JsonWebToken(endSession["id_token_hint"]);
        Assert.Equal((Platform.Authority, IdentityPlatform.ClientId, PlatformFixture.Citizen.Subject), (hint.Issuer, hint.Audiences.Single(), hint.Subject));
        Assert.Equal(Host.Address + "signout-callback-oidc", endSession["post_logout_redirect_uri"]);
        Assert.Equal("/account/login", signedOut.Url.AbsolutePath);
        Assert.DoesNotContain(browser.Cookies.GetCookies(Host.Address).Cast<Cookie>(), c => c.Name == ".WorkflowEngine.Session");
        Assert.Equal("/account/login", after.Url.AbsolutePath);
    }

    [Fact]
    public async Task PlatformSessionPages_LetTheSignOutFormLeadToThePlatform()
    {
        using var browser = new FormBrowser();
        await SignInAtPlatformAsync(browser, PlatformFixture.Citizen, "/account");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = browser.Cookies }) { BaseAddress = Host.Address };

        using var account = await client.GetAsync("/account");

        Assert.Contains($"form-action 'self' {Platform.Authority};", account.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_OfALocalAccount_WhereThePlatformIsConfigured_StaysHere()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");
        var before = Platform.EndSessions.Count;
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account");

        using var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        using var afterwards = await browser.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/login", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Equal(before, Platform.EndSessions.Count);
    }

    [Theory]
    [InlineData(PlatformTampering.WrongSignature)]
    [InlineData(PlatformTampering.WrongAudience)]
    [InlineData(PlatformTampering.WrongNonce)]
    [InlineData(PlatformTampering.Expired)]
    public async Task TamperedIdToken_IsRefused_TheSignInPageSaysWhy_AndNobodyIsSignedIn(PlatformTampering tampering)
    {
        using var browser = new FormBrowser();
        Platform.Tampering = tampering;

        var page = await SignInAtPlatformAsync(browser, PlatformFixture.Clerk, "/desk");
        var desk = await OpenAsync(browser, "/desk");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/account/login?failed=token", page.Url.PathAndQuery);
        Assert.Contains("省统一身份认证平台返回的身份凭证未通过校验", page.Html, StringComparison.Ordinal);
        Assert.Equal("/account/login", desk.Url.AbsolutePath);
        var latest = (await SignInsAsync())[0];
        Assert.Equal(("failed", "oidc"), (latest.GetProperty("kind").GetString(), latest.GetProperty("channel").GetString()));
    }

    [Fact]
    public async Task PlatformClerk_WithoutADepartment_IsRefused_AndTheSignInPageSaysWhy()
    {
        using var browser = new FormBrowser();

        var page = await SignInAtPlatformAsync(browser, PlatformFixture.ClerkWithoutDepartment, "/desk");

        Assert.Equal("/account/login?failed=department", page.Url.PathAndQuery);
        Assert.Contains("未给出所属部门", page.Html, StringComparison.Ordinal);
        Assert.Contains(await SignInsAsync(), e => e.GetProperty("userName").GetString() == "oidc:3201-0003" && e.GetProperty("kind").GetString() == "failed");
    }

    [Fact]
    public async Task CancellingAtThePlatform_ReturnsToTheSignInPage_SayingSo()
    {
        using var browser = new FormBrowser();

        var page = await SignInAtPlatformAsync(browser, PlatformFixture.Citizen, "/applications", ("cancel", "1"));

        Assert.Equal("/account/login?failed=declined", page.Url.PathAndQuery);
        Assert.Contains("取消了登录", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerNotBegunHere_ComesBackToTheSignInPage_NotAnError()
    {
        using var browser = new FormBrowser();
        var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(Host.Address, "/signin-oidc"))
        {
            Content = new FormUrlEncodedContent([new("code", "stolen"), new("state", "forged")]),
        };
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var response = await client.SendAsync(forged);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?failed=stale", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInPage_LetsItsFormLeadToThePlatform_AndNoOtherPageDoes()
    {
        using var client = Host.Client();

        using var login = await client.GetAsync("/account/login");
        using var catalogue = await client.GetAsync("/");

        Assert.Contains($"form-action 'self' {Platform.Authority};", login.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("form-action 'self';", catalogue.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformUser_DisabledHere_LosesTheirSessionAndToken_AndIsRefusedAtTheNextSignIn()
    {
        var user = new PlatformUser("sun.ba", "3201-0009", new Dictionary<string, object>
        {
            ["name"] = "孙八",
            ["gov_role"] = "gov-window-clerk",
            ["gov_dept"] = "TAX",
        });
        Platform.Add(user);
        using var browser = new FormBrowser();
        await SignInAtPlatformAsync(browser, user, "/account");
        using var withToken = Host.Client();
        withToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Platform.AccessTokenFor(user.UserName));
        using var admin = Host.Client("admin");

        var before = await OpenAsync(browser, "/api/departments/TAX/tasks");
        using var disabled = await admin.PostAsync("/api/admin/users/oidc:3201-0009/disable", null);
        var after = await OpenAsync(browser, "/api/departments/TAX/tasks");
        using var token = await withToken.GetAsync("/api/departments/TAX/tasks");
        using var again = new FormBrowser();
        var refused = await SignInAtPlatformAsync(again, user, "/account");

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.Status);
        await ProblemAssert.IsAsync(token, HttpStatusCode.Unauthorized);
        Assert.Equal("/account/login", refused.Url.AbsolutePath);
        Assert.Contains("已被管理员停用", refused.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformAccessToken_IsAcceptedByTheApi_WithTheClerksRules()
    {
        using var client = Host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Platform.AccessTokenFor(PlatformFixture.Clerk.UserName));

        using var own = await client.GetAsync("/api/departments/SAMR/tasks");
        using var other = await client.GetAsync("/api/departments/TAX/tasks");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await ProblemAssert.IsAsync(other, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(PlatformTampering.WrongSignature)]
    [InlineData(PlatformTampering.WrongAudience)]
    [InlineData(PlatformTampering.Expired)]
    public async Task PlatformAccessToken_Tampered_IsRefusedWith401(PlatformTampering tampering)
    {
        Platform.Tampering = tampering;
        using var client = Host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Platform.AccessTokenFor(PlatformFixture.Clerk.UserName));

        using var response = await client.GetAsync("/api/departments/SAMR/tasks");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("统一身份认证平台的令牌无效", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlatformIdToken_IsNotAnApiToken()
    {
        using var client = Host.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", Platform.AccessTokenFor(PlatformFixture.Clerk.UserName, IdentityPlatform.ClientId));

        using var response = await client.GetAsync("/api/departments/SAMR/tasks");

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
    }
}
