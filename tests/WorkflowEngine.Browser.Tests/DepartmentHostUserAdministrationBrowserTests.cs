using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The users pages on a department host in a real browser: its administrator reaches them from the menu, creates a
/// clerk of a department it serves (no other is offered) and reads the change, on pages that pass the checks every
/// other admin page passes.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DepartmentHostUserAdministrationBrowserTests(DepartmentHostBrowserFixture fixture) : IClassFixture<DepartmentHostBrowserFixture>
{
    [Fact]
    public async Task ItsAdministrator_CreatesAClerkOfAServedDepartment_AndReadsTheChange()
    {
        var page = await fixture.SignedInAsync("admin", "/desk");
        await page.GetByRole(AriaRole.Link, new() { Name = "用户", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("用户");
        await Assertions.Expect(page.Locator("#department option")).ToHaveTextAsync(["（无）", "公安局（印章刻制备案）", "市场监督管理局"]);
        await PageChecks.AssertUsableAsync(page);

        await UserAdministrationBrowserTests.CreateAsync(page, "samr-clerk-3", "周九", "clerk", "SAMR");
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "department-host-users.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "samr-clerk-3", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#user-facts")).ToContainTextAsync("市场监督管理局");
        await PageChecks.AssertUsableAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "管理操作记录", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#changes")).ToContainTextAsync("samr-clerk-3");
        await PageChecks.AssertUsableAsync(page);
    }
}
