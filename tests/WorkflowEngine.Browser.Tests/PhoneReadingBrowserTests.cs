using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The public dashboard (公开亮屏) and a definition's diagram read on a 375 px phone, in Chinese and in English: every
/// table's column headings whole words on their lines, a table too wide for the phone scrolling in its own named frame
/// (never the page), and the charts' and the diagram's text no smaller than 12 CSS pixels; the figures are those of
/// <see cref="TwoMonthsBrowserFixture"/>, with one application still in progress.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PhoneReadingBrowserTests(TwoMonthsBrowserFixture fixture) : IClassFixture<TwoMonthsBrowserFixture>
{
    /// <summary>The smallest text, in CSS pixels, a citizen is asked to read on a phone held at arm's length.</summary>
    private const double SmallestText = 12;

    [Theory]
    [InlineData(BrowserFixture.Chinese)]
    [InlineData(BrowserFixture.English)]
    public async Task Bug_11_DashboardHeadingsBreakOnPhone(string culture)
    {
        await InProgressAsync();
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740, culture: culture);

        await page.GotoAsync("/public");

        // All five kinds of table: the three charts' data, the bundles, the steps in progress.
        await BrowserFixture.ReloadUntilAsync(page, page.Locator("#open-by-department"), "the steps in progress");
        var headings = page.Locator("#figures thead th");
        Assert.True(await headings.CountAsync() >= 20, $"Only {await headings.CountAsync()} column headings on the dashboard");
        // A word ("Completed", or a Chinese heading such as 按时办结率, which is one term) is never split over two lines; a
        // heading of several English words may wrap between them, and a hyphenated word at its hyphen ("On-" "time"), as
        // print does.
        var broken = await headings.EvaluateAllAsync<string[]>(
            """
            cells => cells.flatMap(c => {
              const text = c.firstChild;
              if (!text || text.nodeType !== Node.TEXT_NODE) { return [c.textContent.trim() + ' (not plain text)']; }
              const found = [];
              for (const word of text.textContent.matchAll(/[\u4e00-\u9fff]+|[^\s\u4e00-\u9fff-]+-?/g)) {
                const range = document.createRange();
                range.setStart(text, word.index);
                range.setEnd(text, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) { found.push(word[0] + ' in ' + c.textContent.trim() + ' over ' + lines.size + ' lines'); }
              }
              return found;
            })
            """);
        Assert.True(broken.Length == 0, "Column headings split inside a word on a phone:\n" + string.Join("\n", broken));

        // The page itself never scrolls sideways; a table that does not fit scrolls in a frame named after it, which a
        // keyboard reaches with Tab.
        await PageChecks.AssertNoSidewaysScrollAsync(page);
        var frames = await page.Locator("#figures .table-wrap").EvaluateAllAsync<string[]>(
            """
            frames => frames
              .filter(f => f.scrollWidth > f.clientWidth)
              .map(f => {
                const name = (f.getAttribute('aria-labelledby') || '').split(' ')
                  .map(id => document.getElementById(id)?.textContent.trim() || '').join(' ').trim();
                return (f.tabIndex >= 0 ? '' : 'not focusable ') + (name ? '' : 'unnamed ') + '|' + (name || f.innerText.slice(0, 40));
              })
            """);
        Assert.All(frames, frame => Assert.StartsWith("|", frame, StringComparison.Ordinal));
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        if (culture == BrowserFixture.Chinese)
        {
            // The README's views of the dashboard with every kind of table filled: on the phone, then on a desktop.
            await Screenshots.SaveAsync(page, "public-dashboard-figures-phone");
            await page.SetViewportSizeAsync(1280, 800);
            await Screenshots.SaveAsync(page, "public-dashboard-figures");
        }
    }

    [Theory]
    [InlineData(BrowserFixture.Chinese)]
    [InlineData(BrowserFixture.English)]
    public async Task Bug_11_ChartTextTooSmallOnPhone(string culture)
    {
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740, culture: culture);

        await page.GotoAsync("/public");

        var sizes = await RenderedTextSizesAsync(page.Locator("svg.chart"));
        Assert.True(sizes.Length >= 3 * 2, $"Only {sizes.Length} texts in the dashboard's charts");
        Assert.All(sizes, size => Assert.True(size.Size >= SmallestText, $"{size.Text} is drawn at {size.Size:0.#} px on a {PageChecks.PhoneWidth} px phone"));
    }

    [Fact]
    public async Task Diagram_OnAPhone_IsDrawnInTextNoSmallerThan12Pixels()
    {
        var page = await fixture.SignedInAsync("admin", "/admin/definitions/business-opening/versions/1");
        await page.SetViewportSizeAsync(PageChecks.PhoneWidth, 740);

        var sizes = await RenderedTextSizesAsync(page.Locator("svg.flow"));
        Assert.Contains(sizes, size => size.Text.Contains("营业执照", StringComparison.Ordinal));
        Assert.All(sizes, size => Assert.True(size.Size >= SmallestText, $"{size.Text} is drawn at {size.Size:0.#} px on a {PageChecks.PhoneWidth} px phone"));
    }

    /// <summary>One application waiting at its first steps, so that the dashboard shows its tables of work in progress.</summary>
    private async Task InProgressAsync()
    {
        if (await fixture.Host.ScalarAsync("select count(*) from applications where completed_at is null") == 0)
        {
            await fixture.Host.SubmitBusinessOpeningAsync();
        }
    }

    /// <summary>
    /// Each text of the pictures found, and the size its letters are drawn at on the screen: its font size scaled as its
    /// picture is (a chart drawn 400 units wide in a column of 343 px draws 13-unit letters at 11 px).
    /// </summary>
    private static async Task<TextSize[]> RenderedTextSizesAsync(ILocator pictures)
    {
        await Assertions.Expect(pictures.First).ToBeVisibleAsync();
        var sizes = await pictures.EvaluateAllAsync<string[][]>(
            """
            svgs => svgs.flatMap(svg => [...svg.querySelectorAll('text')].map(t => {
              const m = t.getScreenCTM();
              return [t.textContent.trim(), String(parseFloat(getComputedStyle(t).fontSize) * Math.sqrt(m.a * m.d - m.b * m.c))];
            }))
            """);
        return [.. sizes.Select(s => new TextSize(s[0], double.Parse(s[1], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    private sealed record TextSize(string Text, double Size);
}
