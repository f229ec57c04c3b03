using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The users page in a real browser: an administrator creates a clerk with a made-up password, opens the user,
/// disables them and reads the change in the audit, on pages without serious accessibility violations, usable on a
/// phone and by keyboard, in Chinese and in English.
/// </summary>
[Trait("Category", "Browser")]
public sealed class UserAdministrationBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Fills the users page's form for a new user with a made-up password, and waits for it to say so.</summary>
    internal static async Task CreateAsync(IPage page, string userName, string name, string role, string department)
    {
        await page.GetByLabel("用户名（登录用", new() { Exact = false }).FillAsync(userName);
        await page.GetByLabel("姓名", new() { Exact = true }).FillAsync(name);
        await page.Locator("#role").SelectOptionAsync(role);
        await page.Locator("#department").SelectOptionAsync(department);
        await page.GetByRole(AriaRole.Button, new() { Name = "创建用户" }).ClickAsync();
        await Assertions.Expect(page.Locator("#user-created")).ToContainTextAsync("已创建用户");
    }

    [Fact]
    public async Task Administrator_CreatesAClerk_ThenDisablesThem_AndReadsTheAudit()
    {
        var page = await fixture.SignedInAsync("admin", "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "用户", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("用户");
        await PageChecks.AssertUsableAsync(page);

        await CreateAsync(page, "psb-clerk-2", "孙八", "clerk", "PSB");
        Assert.Equal(16, (await page.Locator("#initial-password").TextContentAsync())!.Length);
        await Assertions.Expect(page.Locator("#users tr[data-user='psb-clerk-2']")).ToContainTextAsync("窗口人员");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-users.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "psb-clerk-2", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#user-facts")).ToContainTextAsync("正常");
        await PageChecks.AssertUsableAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "停用", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".desk-done[role=status]")).ToContainTextAsync("已停用");
        await Assertions.Expect(page.Locator("#user-status")).ToContainTextAsync("已停用");
        await Assertions.Expect(page.Locator("#user-audit td[data-action='disabled']")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-user.png"), FullPage = true });
        await PageChecks.AssertUsableAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.Locator("#user-status")).ToContainTextAsync("Disabled");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Enable", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Administrator_RenamesADepartment_AndIsToldWhyNoneIsAddedHere()
    {
        var page = await fixture.SignedInAsync("admin", "/admin/departments");
        await Assertions.Expect(page.Locator("#departments tr[data-department='SAMR']")).ToContainTextAsync("市场监督管理局");
        await Assertions.Expect(page.Locator("#departments-note")).ToContainTextAsync("Definitions/departments.yaml");
        await PageChecks.AssertUsableAsync(page);

        await page.Locator("summary", new() { HasText = "EEB" }).ClickAsync();
        await page.GetByLabel("中文名称").And(page.Locator("#nameZh-EEB")).FillAsync("");
        await page.Locator("details[open] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#nameZh-EEB-error")).ToHaveTextAsync("此项必填");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);

        await page.Locator("#nameZh-EEB").FillAsync("生态环境局（新）");
        await page.Locator("details[open] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#departments tr[data-department='EEB']")).ToContainTextAsync("生态环境局（新）");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-departments.png"), FullPage = true });
    }

    [Fact]
    public async Task DepartmentsPage_RefusedFromTheKeyboard_PutsFocusOnTheErrorSummary_WhoseLinkLeadsToTheField()
    {
        var page = await fixture.SignedInAsync("admin", "/admin/departments");
        await page.Locator("summary", new() { HasText = "HSA" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#nameZh-HSA").FocusAsync();
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.PressAsync("Enter");

        // The refused post comes back with the summary focused, so a screen reader reads it and Tab goes on from it.
        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("此项必填");
        await page.Keyboard.PressAsync("Tab");
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "此项必填" });
        await Assertions.Expect(link).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#nameZh-HSA")).ToBeFocusedAsync();
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
    }
}
