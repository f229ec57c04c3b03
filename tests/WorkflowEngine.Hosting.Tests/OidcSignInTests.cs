using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>OpenID Connect is offered on the sign-in page only where a deployment configures its identity platform.</summary>
[Trait("Category", "Integration")]
public sealed class OidcSignInTests
{
    private const string Offer = "使用省统一身份认证平台登录";

    private static async Task<string> LoginPageAsync(AllInOneHost host)
    {
        using var browser = PageSignInTests.Browser(host);
        using var response = await browser.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Configured_TheHostStarts_AndTheSignInPageOffersThePlatform_BesideThePassword()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs:
        [
            "--Authentication:Oidc:Authority=https://id.example.gov.cn/realms/gov",
            "--Authentication:Oidc:ClientId=workflow-engine",
            "--Authentication:Oidc:ClientSecret=not-a-real-secret",
            "--Authentication:Oidc:DisplayName=省统一身份认证平台",
        ]);

        var html = await LoginPageAsync(host);

        Assert.Contains(Offer, html, StringComparison.Ordinal);
        Assert.Contains("id=\"password\"", html, StringComparison.Ordinal);
        Assert.Matches("action=\"/account/login\\?handler=Platform\"[^>]*>[\\s\\S]*__RequestVerificationToken", html);
    }

    [Fact]
    public async Task NotConfigured_ThePageOffersOnlyThePassword_AndThePlatformHandlerIsNotThere()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var browser = PageSignInTests.Browser(host);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/login");

        var html = await LoginPageAsync(host);
        using var platform = await browser.PostAsync("/account/login?handler=Platform", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.DoesNotContain("统一身份认证平台", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, platform.StatusCode);
    }

    [Theory]
    [InlineData("http://id.example.gov.cn/realms/gov", "", "Authority must use HTTPS")]
    [InlineData("id.example.gov.cn", "", "absolute https://")]
    [InlineData("https://id.example.gov.cn/realms/gov", "--Authentication:Oidc:ApiAudience=workflow-engine", "ApiAudience must differ from ClientId")]
    [InlineData("https://id.example.gov.cn/realms/gov", "--Authentication:Oidc:RoleMap:gov-chief=superuser", "maps to superuser")]
    public async Task SettingsThatCannotWorkSafely_TheHostRefusesToStart_SayingWhy(string authority, string more, string said)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => AllInOneHost.StartAsync(extraArgs:
        [
            $"--Authentication:Oidc:Authority={authority}",
            "--Authentication:Oidc:ClientId=workflow-engine",
            .. more.Length > 0 ? [more] : Array.Empty<string>(),
        ]));

        Assert.Contains(said, refused.Message, StringComparison.Ordinal);
    }
}
