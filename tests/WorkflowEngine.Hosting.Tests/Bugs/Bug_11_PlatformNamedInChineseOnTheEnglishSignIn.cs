using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The English sign-in page called the identity platform by its Chinese display name: "Sign in with 省统一身份认证平台",
/// and the same in its notes after a failed platform sign-in. <c>Authentication:Oidc:DisplayNameEn</c> now names it in
/// English; without one, a Chinese name gives way to "the unified identity platform". The Chinese page is unchanged.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_PlatformNamedInChineseOnTheEnglishSignIn
{
    private static string[] Platform(params string[] more) =>
    [
        "--Authentication:Oidc:Authority=https://id.example.gov.cn/realms/gov",
        "--Authentication:Oidc:ClientId=workflow-engine",
        "--Authentication:Oidc:ClientSecret=not-a-real-secret",
        "--Authentication:Oidc:DisplayName=省统一身份认证平台",
        .. more,
    ];

    private static async Task<string> PageAsync(AllInOneHost host, string path, bool english)
    {
        using var browser = PageSignInTests.Browser(host);
        if (english)
        {
            browser.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        }

        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithAnEnglishName_TheEnglishPageUsesIt_AndTheChinesePageKeepsTheChineseOne()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: Platform("--Authentication:Oidc:DisplayNameEn=Provincial Unified Identity Platform"));

        var english = await PageAsync(host, "/account/login", english: true);
        var failed = await PageAsync(host, "/account/login?failed=declined", english: true);
        var chinese = await PageAsync(host, "/account/login", english: false);

        Assert.Contains("Sign in with Provincial Unified Identity Platform", english, StringComparison.Ordinal);
        Assert.Contains("You cancelled the sign-in at Provincial Unified Identity Platform", failed, StringComparison.Ordinal);
        Assert.DoesNotContain("省统一身份认证平台", english + failed, StringComparison.Ordinal);
        Assert.Contains("使用省统一身份认证平台登录", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnEnglishName_TheEnglishPageDescribesThePlatform_InsteadOfNamingItInChinese()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: Platform());

        var english = await PageAsync(host, "/account/login", english: true);
        var signedOut = await PageAsync(host, "/account/login?signedOut=here", english: true);

        Assert.Contains("Sign in with the unified identity platform", english, StringComparison.Ordinal);
        Assert.Contains("No sign-out to this system is offered by the unified identity platform", signedOut, StringComparison.Ordinal);
        Assert.DoesNotContain("统一身份认证平台", english + signedOut, StringComparison.Ordinal);
    }
}
