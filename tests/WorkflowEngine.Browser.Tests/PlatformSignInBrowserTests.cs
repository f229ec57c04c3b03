using Microsoft.Playwright;
using WorkflowEngine.Testing;
using WorkflowEngine.Testing.Platform;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Signing in at the unified identity platform in a real browser: chromium goes from the host's sign-in page to the
/// platform's sign-in form, its script posts the code back (form_post), and the person lands on their department's
/// queue (not the 403 page); the cookies that carry the sign-in across (correlation, nonce) must survive a real browser's rules.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PlatformSignInBrowserTests : IAsyncLifetime
{
    private static readonly PlatformUser Clerk = new("li.qing", "3201-0001", new Dictionary<string, object>
    {
        ["name"] = "李青",
        ["gov_role"] = "gov-window-clerk",
        ["gov_dept"] = "SAMR",
    });

    private IdentityPlatform _platform = null!;
    private AllInOneHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _platform = await IdentityPlatform.StartAsync();
        _platform.Add(Clerk);
        _host = await AllInOneHost.StartAsync(TimeProvider.System.GetUtcNow(), extraArgs:
        [
            $"--Authentication:Oidc:Authority={_platform.Authority}",
            $"--Authentication:Oidc:ClientId={IdentityPlatform.ClientId}",
            $"--Authentication:Oidc:ClientSecret={IdentityPlatform.ClientSecret}",
            "--Authentication:Oidc:DisplayName=省统一身份认证平台",
            "--Authentication:Oidc:RoleClaim=gov_role",
            "--Authentication:Oidc:DepartmentClaim=gov_dept",
            "--Authentication:Oidc:RoleMap:gov-window-clerk=clerk",
        ]);
        _platform.AllowRedirectTo(new Uri(_host.Address, "/signin-oidc"));
        _platform.AllowPostLogoutRedirectTo(new Uri(_host.Address, "/signout-callback-oidc"));
        _playwright = await Playwright.CreateAsync();
        _browser = await BrowserFixture.LaunchAsync(_playwright);
    }

    private async Task<IPage> AtPlatformAsync(string returnUrl)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _host.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.GetByRole(AriaRole.Button, new() { Name = "使用省统一身份认证平台登录" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.StartsWith(_platform.Authority + "/authorize", StringComparison.Ordinal));
        await page.GetByLabel("用户名").FillAsync(Clerk.UserName);
        return page;
    }

    [Fact]
    public async Task Clerk_SignsInAtThePlatform_AndLandsOnTheDepartmentsQueue_WithTheirName()
    {
        var page = await AtPlatformAsync("/desk");

        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/desk");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("无权访问");
        await page.GotoAsync("/account");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("李青");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("SAMR");
    }

    [Fact]
    public async Task TamperedToken_BringsTheBrowserBackToTheSignInPage_WithTheReason_Accessibly()
    {
        var page = await AtPlatformAsync("/desk");
        _platform.Tampering = PlatformTampering.WrongSignature;

        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();

        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).PathAndQuery == "/account/login?failed=token");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("身份凭证未通过校验");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _host.DisposeAsync();
        await _platform.DisposeAsync();
    }
}
