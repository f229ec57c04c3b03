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
        // The fixture's gateway is shared by this class's tests: each looks only at its own number's texts.
        Assert.DoesNotContain(fixture.Gateway.Requests, r => r.Body.GetProperty("phone").GetString() == "13800001234");

        await page.GetByLabel("密码", new() { Exact = true }).FillAsync("Min-River-Bridge-2026");
        await page.GetByLabel("再次输入密码").FillAsync("Min-River-Bridge-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register/code");
        await Assertions.Expect(page.Locator("#register-code-hint")).ToContainTextAsync("138****1234");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page, "register-code");

        Assert.Single(fixture.Gateway.Requests, r => r.Body.GetProperty("phone").GetString() == "13800001234");
        await page.GetByLabel("短信验证码").FillAsync(CodeFor("13800001234"));
        await page.GetByRole(AriaRole.Button, new() { Name = "完成注册" }).ClickAsync();

        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(page.Locator("#registered")).ToContainTextAsync("注册成功，您已登录");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("我的账户");
    }

    [Fact]
    public async Task TheRegistrationPages_InEnglish_ShowNoChineseOfTheirOwn_WithAnErrorAndThroughToTheAccount()
    {
        var page = await fixture.NewPageAsync(culture: BrowserFixture.English);
        await page.GotoAsync("/account/register");
        await Assertions.Expect(page.Locator("#register-mobile")).ToBeVisibleAsync();
        await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-register");

        await page.Locator("#register-mobile").FillAsync("138 0000 5678");
        await page.Locator("#register-name").FillAsync("Chen Qi");
        await page.Locator("#register-password").FillAsync("Min-River-Bridge-2026");
        await page.Locator("#register-repeat").FillAsync("Min-River-Bridge-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await Assertions.Expect(page.Locator("#register-repeat-error")).Not.ToBeEmptyAsync();
        await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-register-error");

        await page.Locator("#register-password").FillAsync("Min-River-Bridge-2026");
        await page.Locator("#register-repeat").FillAsync("Min-River-Bridge-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Text me a code" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register/code");
        await Assertions.Expect(page.Locator("#register-code-hint")).ToContainTextAsync("138****5678");
        await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-register-code");

        var code = CodeFor("13800005678");
        await page.Locator("#register-code").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#register-code-error")).Not.ToBeEmptyAsync();
        await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-register-code-error");

        await page.Locator("#register-code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account");
        await Assertions.Expect(page.Locator("#registered")).Not.ToBeEmptyAsync();
        await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-registered");
    }

    /// <summary>The code last texted to the number through the test gateway.</summary>
    private string CodeFor(string mobile) => SixDigits().Match(
        fixture.Gateway.Requests.Last(r => r.Body.GetProperty("phone").GetString() == mobile).Body.GetProperty("text").GetString()!).Value;

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
