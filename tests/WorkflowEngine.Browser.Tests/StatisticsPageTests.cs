using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The administrator's statistics (<c>/admin/statistics</c>) in a real browser: reached from /admin, a table and a
/// chart of a finished 企业开办, the CSV link, a refused month shown beside its field, usable with a screen reader.
/// </summary>
[Trait("Category", "Browser")]
public sealed class StatisticsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AFinishedBundle_IsInTheTableAndChart_AndAWrongMonthIsShownBesideItsField()
    {
        await fixture.Host.FinishBusinessOpeningAsync();

        var page = await fixture.SignedInAsync("admin", "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "按时办结统计", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#steps tbody tr", new() { HasText = "银行" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#bundles tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "下载部门环节 CSV" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("format=csv"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "admin-statistics.png"), FullPage = true });
        await PageChecks.AssertUsableAsync(page);

        await page.GotoAsync("/admin/statistics?from=2026-13");
        await Assertions.Expect(page.Locator("#from-error")).ToContainTextAsync("年月");
        await PageChecks.AssertUsableAsync(page);
    }
}
