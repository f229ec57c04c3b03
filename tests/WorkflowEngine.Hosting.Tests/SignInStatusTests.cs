using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The header of every page says who is signed in, with a sign-out button; a visitor sees the sign-in link.</summary>
[Trait("Category", "Integration")]
public sealed partial class SignInStatusTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task AnonymousVisitor_SeesTheSignInLink_AndNoSignOutButton()
    {
        using var browser = PageSignInTests.Browser(Host);

        var header = await HeaderAsync(browser, "/");

        AssertShows(header, ["href=\"/account/login\"", ">登录<"], ["/account/logout"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/desk")]
    [InlineData("/public")]
    public async Task SignedInClerk_SeesTheirNameRoleAndDepartment_OnEveryPage(string page)
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk-2", "Demo#2026");

        var header = await HeaderAsync(browser, page);

        AssertShows(header, ["市场监管窗口二号", "窗口人员 · 市场监督管理局", ">退出登录<"], ["href=\"/account/login\""]);
    }

    [Fact]
    public async Task SignedInApplicant_InEnglish_SeesTheRoleInEnglish_AndNoDepartment()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "lisi", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/");
        using var switched = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/"), new("__RequestVerificationToken", token)]));

        var header = await HeaderAsync(browser, "/");

        AssertShows(header, ["李四", ">Applicant<", ">Sign out<"], ["·"]);
        var account = WebUtility.HtmlDecode(await browser.GetStringAsync("/account"));
        Assert.Contains("<h1>My account</h1>", account, StringComparison.Ordinal);
        Assert.DoesNotContain("我的账户", account, StringComparison.Ordinal);
        using var anonymous = PageSignInTests.Browser(Host);
        anonymous.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var signIn = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/account/login"));
        Assert.Contains("<label for=\"userName\">User name</label>", signIn, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" class=\"primary\">Sign in</button>", signIn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutButtonInTheHeader_EndsTheSession()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk-2", "Demo#2026");
        var form = SignOutForm().Match(await HeaderAsync(browser, "/desk"));
        Assert.True(form.Success, "The header has no sign-out form with an anti-forgery token.");

        using var signedOut = await browser.PostAsync(
            WebUtility.HtmlDecode(form.Groups["action"].Value),
            new FormUrlEncodedContent([new("__RequestVerificationToken", form.Groups["token"].Value)]));
        using var afterwards = await browser.GetAsync("/desk");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith("/account/login", afterwards.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        AssertShows(await HeaderAsync(browser, "/"), [">登录<"], ["市场监管窗口二号"]);
    }

    private static void AssertShows(string header, string[] shown, string[] absent)
    {
        Assert.All(shown, text => Assert.Contains(text, header, StringComparison.Ordinal));
        Assert.All(absent, text => Assert.DoesNotContain(text, header, StringComparison.Ordinal));
    }

    /// <summary>The page's header, decoded; the page must have answered 200.</summary>
    private static async Task<string> HeaderAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(page);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var start = html.IndexOf("<header", StringComparison.Ordinal);
        var end = html.IndexOf("</header>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The page has no header.");
        return WebUtility.HtmlDecode(html[start..end]);
    }

    [GeneratedRegex("<form method=\"post\" action=\"(?<action>[^\"]+)\" class=\"sign-out\">\\s*<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex SignOutForm();
}
