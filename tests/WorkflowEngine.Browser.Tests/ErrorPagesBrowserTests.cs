using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// What a visitor sees where no page answers: a mistyped or stale link (a receipt's address copied half, an old
/// bookmark) opened in the browser is a page in the visitor's language that says what happened and leads back, as every
/// other page does; the API's callers keep their problem details.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ErrorPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Bug_11_AnAddressWithNoPage_WasAnsweredWithProblemJson_NotAPageInTheVisitorsLanguage()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.GotoAsync("/services/business-opening/aply");

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", await response.HeaderValueAsync("content-type") ?? "", StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
        await Assertions.Expect(page).ToHaveTitleAsync("没有找到这个页面 · 一件事一次办");
        await PageChecks.AssertUsableAsync(page, "error-not-found");

        await page.GetByRole(AriaRole.Link, new() { Name = "返回首页" }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("可以一次办好的事");
    }

    [Fact]
    public async Task Bug_11_AnAddressWithNoPage_InEnglish_WasProblemJson_NotAnEnglishPage()
    {
        var page = await fixture.NewPageAsync(culture: BrowserFixture.English);

        var response = await page.GotoAsync("/applications/not-a-number");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Page not found");
        await PageChecks.AssertNoChineseChromeAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the home page" })).ToHaveAttributeAsync("href", "/");
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task AnApiAddressWithNoEndpoint_StillAnswersProblemJson()
    {
        var page = await fixture.NewPageAsync();

        var response = await page.APIRequest.GetAsync("/api/no-such-thing", new() { Headers = new Dictionary<string, string> { ["Accept"] = "text/html,*/*" } });

        Assert.Equal(404, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
    }
}
