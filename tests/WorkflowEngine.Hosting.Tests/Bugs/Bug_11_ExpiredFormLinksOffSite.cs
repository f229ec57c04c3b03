using System.Net;
using System.Text.RegularExpressions;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The language switch posted without a valid anti-forgery token (a form from an old tab, or one another site makes a
/// visitor's browser send) is answered with the "this page has expired" page, whose link leads back to the form's
/// <c>returnUrl</c> when that is on this site. The page judged "on this site" by a leading '/' not followed by '/' or
/// '\', so <c>/&lt;TAB&gt;/evil.example</c> passed: a browser drops tabs and line breaks from a link's address, and followed
/// the government site's own link to <c>//evil.example</c>. The page now judges the address as the sign-in page and the
/// language switch do (ASP.NET Core's local-URL rule, which refuses control characters), and leads home otherwise.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class Bug_11_ExpiredFormLinksOffSite(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/\t/evil.example/sign-in")]
    [InlineData("/\n/evil.example/sign-in")]
    [InlineData("/\r\n/evil.example/sign-in")]
    [InlineData("/\\evil.example/sign-in")]
    [InlineData("//evil.example/sign-in")]
    [InlineData("https://evil.example/sign-in")]
    public async Task LanguageSwitchWithoutAValidToken_AndAReturnAddressOffThisSite_LeadsHome(string returnUrl)
    {
        using var browser = PageSignInTests.Browser(fixture.Host);

        using var response = await browser.PostAsync("/language", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", returnUrl)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("页面已过期", html, StringComparison.Ordinal);
        var links = Links().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.Equal("/", href));
    }

    [Fact]
    public async Task LanguageSwitchWithoutAValidToken_AndAReturnAddressOnThisSite_LeadsBackToIt()
    {
        using var browser = PageSignInTests.Browser(fixture.Host);

        using var response = await browser.PostAsync("/language", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/services?q=营业执照")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(Links().Matches(html), m => m.Groups[1].Value == "/services?q=营业执照");
    }

    [GeneratedRegex("<a [^>]*href=\"([^\"]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Links();
}
