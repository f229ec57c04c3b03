using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// An applicant prints the receipt after applying online, and the progress page: on paper only the content, black on
/// white, with the tracking number large; the site's menu, the language switch and every button stay on screen.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReceiptPrintBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/receipt")]
    [InlineData("")]
    public async Task PrintingThePage_HidesTheMenuAndTheButtons_AndKeepsTheTrackingNumberProminent(string suffix)
    {
        var id = await fixture.Host.SubmitBusinessOpeningAsync();
        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}{suffix}");
        var number = suffix == "" ? page.Locator("h1 .subtitle") : page.Locator("#tracking-number");
        await Assertions.Expect(page.Locator(".site-header nav")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".language-switch button")).ToBeVisibleAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".language-switch button")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav")).ToHaveCountAsync(await page.Locator("nav:not(:visible)").CountAsync());
        Assert.Equal(0, await page.Locator("main button:visible, main form:visible").CountAsync());
        await Assertions.Expect(number).ToBeVisibleAsync();
        await Assertions.Expect(number).ToContainTextAsync("YB");
        var style = await number.EvaluateAsync<string[]>("e => { const s = getComputedStyle(e); return [s.fontSize, s.color, getComputedStyle(document.body).backgroundColor]; }");
        Assert.True(double.Parse(style[0].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) >= 24, $"the number prints at {style[0]}");
        Assert.Equal(["rgb(0, 0, 0)", "rgb(255, 255, 255)"], style[1..]);
    }
}
