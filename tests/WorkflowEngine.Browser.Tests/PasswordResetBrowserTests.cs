using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// An applicant on a phone who forgot their password resets it in a real browser: from the sign-in page's 忘记密码？ link,
/// the number, then the code texted through the test SMS gateway (a wrong one first, told next to its field) and the new
/// password twice, back to the sign-in page, which says so, and signs in with the new password. Each page passes axe,
/// shows the keyboard focus and fits a 375 px phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class PasswordResetBrowserTests(SelfRegistrationBrowserTests.GatewayFixture fixture) : IClassFixture<SelfRegistrationBrowserTests.GatewayFixture>
{
    private const string Mobile = "13800002468";
    private const string NewPassword = "Gu-Mountain-Drum-2027";

    [Fact]
    public async Task AnApplicantResetsAForgottenPasswordOnAPhone_WithTheTextedCode_AndSignsInWithTheNewOne()
    {
        await RegisterAsync();
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 800);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "忘记密码？" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/password-reset");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertKeyboardFocusIsVisibleAsync(page);

        await page.GetByLabel("手机号").FillAsync("138 0000 246");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-mobile-error")).ToContainTextAsync("请输入正确的中国大陆手机号");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page, "password-reset");

        await page.GetByLabel("手机号").FillAsync("138 0000 2468");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/password-reset/code");
        await Assertions.Expect(page.Locator("#reset-sent")).ToContainTextAsync("138****2468");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page, "password-reset-code");

        var code = CodeFor(Mobile);
        await page.GetByLabel("短信验证码").FillAsync(code == "000000" ? "111111" : "000000");
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("再次输入新密码").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reset-code-error")).ToHaveTextAsync("验证码不正确，还可以再试 4 次");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertFitsAPhoneAsync(page);

        await page.GetByLabel("短信验证码").FillAsync(code);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(NewPassword);
        await page.GetByLabel("再次输入新密码").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "重置密码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/login");
        await Assertions.Expect(page.Locator("#password-reset")).ToContainTextAsync("密码已重置");
        await Assertions.Expect(page.Locator("#userName")).ToHaveValueAsync(Mobile);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.Locator("#password").FillAsync(NewPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath != "/account/login");
    }

    /// <summary>Registers the applicant whose password the test resets, through the registration pages.</summary>
    private async Task RegisterAsync()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.Locator("#register-mobile").FillAsync(Mobile);
        await page.Locator("#register-name").FillAsync("周八");
        await page.Locator("#register-password").FillAsync("Min-River-Bridge-2026");
        await page.Locator("#register-repeat").FillAsync("Min-River-Bridge-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取短信验证码" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account/register/code");
        await page.Locator("#register-code").FillAsync(CodeFor(Mobile));
        await page.GetByRole(AriaRole.Button, new() { Name = "完成注册" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/account");
        await page.CloseAsync();
    }

    /// <summary>The code last texted to the number through the test gateway.</summary>
    private string CodeFor(string mobile) => SixDigits().Match(
        fixture.Gateway.Requests.Last(r => r.Body.GetProperty("phone").GetString() == mobile).Body.GetProperty("text").GetString()!).Value;

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
