using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Sign-in for people: the sign-in page, its session cookie, sign-out, and what the pages and the API do without a session.</summary>
[Trait("Category", "Integration")]
public sealed partial class PageSignInTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    /// <summary>A client that keeps cookies as a browser does and shows redirects instead of following them.</summary>
    internal static HttpClient Browser(AllInOneHost host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = host.Address };

    internal static async Task<string> AntiforgeryTokenAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TokenField().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
    }

    internal static async Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string userName, string password, string returnUrl = "", bool withToken = true)
    {
        var page = "/account/login" + (returnUrl.Length > 0 ? "?returnUrl=" + Uri.EscapeDataString(returnUrl) : "");
        var token = await AntiforgeryTokenAsync(browser, page);
        var fields = new List<KeyValuePair<string, string>> { new("Input.UserName", userName), new("Input.Password", password) };
        if (withToken)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }

        return await browser.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    /// <summary>A browser that has signed in on the page.</summary>
    internal static async Task<HttpClient> SignedInBrowserAsync(AllInOneHost host, string userName, string password)
    {
        var browser = Browser(host);
        using var response = await PostLoginAsync(browser, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task InEnglish_TheSignInPagesErrors_AreInEnglish_WhileTheApiStaysChinese()
    {
        using var browser = Browser(Host);
        var token = await AntiforgeryTokenAsync(browser, "/account/login");
        using var switched = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/account/login"), new("__RequestVerificationToken", token)]));

        // A user no other test here signs in as: two wrong passwords stay below the lockout.
        using var wrong = await PostLoginAsync(browser, "hpf-clerk", "not the password");
        using var empty = await PostLoginAsync(browser, "", "");
        using var api = await Host.Client("zhangsan").PostAsJsonAsync("/api/auth/token", new { userName = "hpf-clerk", password = "not the password" });

        var wrongHtml = await HtmlAsync(wrong);
        Assert.Contains("The user name or password is not correct", wrongHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("用户名或密码不正确", wrongHtml, StringComparison.Ordinal);
        var emptyHtml = await HtmlAsync(empty);
        Assert.Contains("Enter your user name", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("Enter your password", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("用户名或密码不正确", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RightPassword_StartsASession_InAnHttpOnlySameSiteCookie_AndReturnsToThePageAsked()
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, "samr-clerk", "Demo#2026", "/account");
        using var account = await browser.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".WorkflowEngine.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("市场监管窗口", await HtmlAsync(account), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_OnTheApi_HasTheSameRoleRules_AndIsRefusedWithProblemsNotRedirects()
    {
        using var browser = await SignedInBrowserAsync(Host, "tax-clerk", "Demo#2026");

        using var queue = await browser.GetAsync("/api/departments/TAX/tasks");
        using var admin = await browser.GetAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        await ProblemAssert.IsAsync(admin, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task WrongPassword_SaysSoNextToThePasswordAndAtTheTop_WithoutEchoingIt()
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, "bank-clerk", "secret-guess-8812");

        var html = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("role=\"alert\"[\\s\\S]*用户名或密码不正确[\\s\\S]*id=\"password-error\"[^>]*>用户名或密码不正确<", html);
        Assert.Contains("value=\"bank-clerk\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-guess-8812", html, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".WorkflowEngine.Session=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "", "请输入用户名", "请输入密码")]
    [InlineData("ad\u202Emin", "Demo#2026", "不可见或控制字符", null)]
    public async Task MissingOrHostileFields_AreNamedNextToTheirInputs(string userName, string password, string userNameError, string? passwordError)
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, userName, password);

        var html = await HtmlAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Matches($"id=\"userName-error\"[^>]*>[^<]*{userNameError}", html);
        if (passwordError is not null)
        {
            Assert.Matches($"id=\"password-error\"[^>]*>{passwordError}<", html);
        }
    }

    /// <summary>
    /// ASP.NET Core's form reader refuses a NUL in a form field (no browser sends one from a text field); the visitor
    /// reads a page in their language naming the field, not a bare "Bad Request" nor a server error.
    /// </summary>
    [Fact]
    public async Task ANulInTheUserName_IsRefusedWithAPageNamingTheField()
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, "admin\u0000", "Demo#2026");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await HtmlAsync(response);
        Assert.Contains("<title>表单无法提交", html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"Input.UserName\">表单中“Input.UserName”一项含有 NUL 控制字符（%00）", html, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".WorkflowEngine.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANulInAFieldsName_InEnglish_IsRefusedWithAPageNamingTheField()
    {
        using var browser = Browser(Host);
        var token = await AntiforgeryTokenAsync(browser, "/account/login");
        (await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/account/login"), new("__RequestVerificationToken", token)]))).Dispose();
        token = await AntiforgeryTokenAsync(browser, "/account/login");

        using var response = await browser.PostAsync("/account/login", new StringContent(
            "Input.UserName=admin&Input.Pass%00word=x&__RequestVerificationToken=" + Uri.EscapeDataString(token), Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains("data-field=\"Input.Pass%00word\">The field “Input.Pass%00word” of the form contains a NUL control character (%00)", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVeryLongUserName_IsAFieldErrorNotAServerError()
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, new string('名', 20_000), "Demo#2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("用户名不能超过 128 个字符", await HtmlAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormPostWithoutTheAntiforgeryToken_IsRefused_AndSignsNobodyIn()
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, "admin", "Demo#2026", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith(".WorkflowEngine.Session=", StringComparison.Ordinal));
    }

    /// <summary>
    /// The sign-in page open in two tabs: signing in on one changes who the other tab's token was issued to. Its post is
    /// told on a page that it expired, with a way to draw the page again, not with problem JSON.
    /// </summary>
    [Fact]
    public async Task FormFromATabOpenedBeforeSigningInElsewhere_SaysThePageHasExpired_OnAPage_NotAsJson()
    {
        using var browser = Browser(Host);
        var oldTabToken = await AntiforgeryTokenAsync(browser, "/account/login");
        using var signedIn = await PostLoginAsync(browser, "zhangsan", "Demo#2026");

        using var response = await browser.PostAsync("/account/login?returnUrl=%2Faccount", new FormUrlEncodedContent(
            [new("Input.UserName", "zhangsan"), new("Input.Password", "Demo#2026"), new("__RequestVerificationToken", oldTabToken)]));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await HtmlAsync(response);
        Assert.Contains("页面已过期，请重新提交", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/login?returnUrl=%2Faccount\"", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<main[ >]"));
    }

    /// <summary>The header's language switch from a tab drawn before signing in: the page stays in English, and leads back to the page read.</summary>
    [Fact]
    public async Task LanguageSwitchFromAnOldTab_InEnglish_SaysThePageHasExpiredInEnglish_AndLeadsBackToThePageRead()
    {
        using var browser = Browser(Host);
        var token = await AntiforgeryTokenAsync(browser, "/account/login");
        using var english = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/account/login"), new("__RequestVerificationToken", token)]));
        var oldTabToken = await AntiforgeryTokenAsync(browser, "/account/login");
        using var signedIn = await PostLoginAsync(browser, "lisi", "Demo#2026");

        using var response = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "zh-CN"), new("returnUrl", "/account"), new("__RequestVerificationToken", oldTabToken)]));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains("This page has expired; please submit again", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/account\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/login")]
    [InlineData("//evil.example/login")]
    [InlineData("/\\evil.example/login")]
    [InlineData("javascript:alert(1)")]
    public async Task AReturnUrlOffThisSite_IsDropped_AndTheBrowserGoesHome(string returnUrl)
    {
        using var browser = Browser(Host);

        using var response = await PostLoginAsync(browser, "lisi", "Demo#2026", returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task APageWithoutASession_SendsTheBrowserToSignIn_ThenBack()
    {
        using var browser = Browser(Host);

        using var response = await browser.GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Faccount", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignOut_IsAPostWithTheToken_EndsTheSession_AndIsAudited()
    {
        using var browser = await SignedInBrowserAsync(Host, "hsa-clerk", "Demo#2026");

        using var onlyAsked = await browser.GetAsync("/account/logout");
        using var stillIn = await browser.GetAsync("/account");
        using var forged = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        using var stillInAfterForgery = await browser.GetAsync("/account");
        var token = await AntiforgeryTokenAsync(browser, "/account");
        using var signedOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        using var afterwards = await browser.GetAsync("/account");
        using var api = await browser.GetAsync("/api/departments/HSA/tasks");

        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillInAfterForgery.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/login", signedOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        await ProblemAssert.IsAsync(api, HttpStatusCode.Unauthorized);
        var kinds = (await Host.GetJsonAsync("admin", "/api/admin/sign-ins?user=hsa-clerk")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(["signed-out", "succeeded"], kinds);
    }

    [Fact]
    public async Task ChangingThePassword_EndsThePageSession_AtItsNextRequest()
    {
        using var browser = await SignedInBrowserAsync(Host, "gsc-clerk", "Demo#2026");
        using var before = await browser.GetAsync("/account");
        var user = (await Host.Services.GetRequiredService<IDirectoryStore>().FindUserAsync("gsc-clerk", CancellationToken.None))!;

        await Host.Services.GetRequiredService<PasswordSignIn>().SetPasswordAsync(user, "gsc new password 2026", null, SignInChannels.Operator, CancellationToken.None);
        using var after = await browser.GetAsync("/account");
        using var api = await browser.GetAsync("/api/departments/GSC/tasks");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await ProblemAssert.IsAsync(api, HttpStatusCode.Unauthorized);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
