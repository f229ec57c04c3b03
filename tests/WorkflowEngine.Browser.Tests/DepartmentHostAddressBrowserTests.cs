using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// A department host opened in a browser as clerks open it, by its address: the host's own address leads to the queue,
/// and an address with no page says so and leads back to the queue (it has no catalogue to go back to).
/// </summary>
[Trait("Category", "Browser")]
public sealed class DepartmentHostAddressBrowserTests(DepartmentHostBrowserFixture fixture) : IClassFixture<DepartmentHostBrowserFixture>
{
    [Fact]
    public async Task Bug_11_TheHostsAddress_ShowedTheClerkJson_NotTheirQueue()
    {
        var page = await fixture.SignedInAsync("samr-clerk", "/desk");

        await page.GotoAsync("/");

        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/desk");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("办件队列");
    }

    [Fact]
    public async Task Bug_11_AnAddressWithNoPage_WasProblemJson_NotAPageLeadingBackToTheQueue()
    {
        var page = await fixture.SignedInAsync("samr-clerk", "/desk");

        var response = await page.GotoAsync("/desk/task/1");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
        await Assertions.Expect(page.Locator("header .site-name")).ToHaveAttributeAsync("href", "/desk");
        await PageChecks.AssertUsableAsync(page, "department-host-not-found");
        await page.GetByRole(AriaRole.Link, new() { Name = "返回办件队列" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/desk");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("办件队列");
    }
}
