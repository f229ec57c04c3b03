using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// An applicant on a phone registers in a real browser: from the sign-in page's 注册 link, through the form (its errors
/// next to their fields first), to the code texted through the test SMS gateway, and ends signed in on their account
/// page. Each page passes axe, shows the keyboard focus and fits a 375 px phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class SelfRegistrationBrowserTests(SelfRegistrationBrowserTests.GatewayFixture fixture) : IClassFixture<SelfRegistrationBrowserTests.GatewayFixture>
{
    [Fact]
    public async Task AnApplicantRegistersOnAPhone_WithTheTextedCode_AndIsSignedIn()
    {
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 800);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "注册", Exact = true }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertKeyboardFocusIsVisibleAsync(page);

        await page.GetByLabel("手机号").FillAsync("138 0000 1234");
        await page.GetByLabel("姓名").FillAsync("陈七");
        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Min-River-Bridge-2026");
        await page.GetByLabel("再次输入密码").FillAsync("Min-River-Bridge-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#register-repeat-error")).ToHaveTextAsync("两次输入的密码不一致");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page, "register");
        Assert.Empty(fixture.Gateway.Requests);

        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Min-River-Bridge-2026");
        await page.GetByLabel("再次输入密码").FillAsync("Min-River-Bridge-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register/code");
        await Assertions.Expect(page.Locator("#register-code-hint")).ToContainTextAsync("138****1234");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page, "register-code");

        var text = fixture.Gateway.Requests.Single().Body.GetProperty("text").GetString()!;
        await page.GetByLabel("短信验证码").FillAsync(SixDigits().Match(text).Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "完成注册" }).ClickAsync();

        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(page.Locator("#registered")).ToContainTextAsync("注册成功，您已登录");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的账户");
    }

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();

    /// <summary>The browser fixture's host with an SMS channel: the test gateway on Kestrel.</summary>
    public sealed class GatewayFixture : BrowserFixture
    {
        public TestSmsGateway Gateway { get; private set; } = null!;

        protected override async Task<AllInOneHost> StartHostAsync()
        {
            Gateway = await TestSmsGateway.StartAsync();
            return await AllInOneHost.StartAsync(extraArgs:
                ["--Pages:PublicBaseUrl=https://zwfw.example.gov.cn/yjs", $"--Notifications:Sms:Url={Gateway.Url}", $"--Notifications:Sms:Secret={TestSmsGateway.Secret}"]);
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (Gateway is not null)
            {
                await Gateway.DisposeAsync();
            }
        }
    }
}
