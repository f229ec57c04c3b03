using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The administrator's list of late bundles and stages (<c>/admin/late-clocks</c>) in a real browser: reached from
/// /admin, a bundle past its promised limit listed red, filtered by colour, usable with a screen reader and on a phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed class LateClocksPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ABundlePastItsPromisedLimit_IsListedRed_AndTheColourFilterNarrowsTheList()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var tracking = (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString()!;
        // A week later, nobody having decided anything: the bundle's one promised working day is long past.
        Host.Clock.Advance(TimeSpan.FromDays(7));

        var page = await fixture.SignedInAsync("admin", "/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "一件事与阶段超期预警", Exact = true }).ClickAsync();

        var row = page.Locator("#late-clocks tbody tr", new() { HasText = tracking });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("整件事");
        await Assertions.Expect(row).ToContainTextAsync("红牌");
        await Assertions.Expect(row).ToContainTextAsync("已超");
        await PageChecks.AssertUsableAsync(page);

        await page.GetByLabel("预警").SelectOptionAsync("yellow");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(page.Locator("#late-clocks tbody tr", new() { HasText = tracking })).ToHaveCountAsync(0);

        await page.GetByLabel("预警").SelectOptionAsync("red");
        await page.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await Assertions.Expect(page.Locator("#late-clocks tbody tr", new() { HasText = tracking })).ToHaveCountAsync(1);
        await PageChecks.AssertUsableAsync(page);
    }
}
