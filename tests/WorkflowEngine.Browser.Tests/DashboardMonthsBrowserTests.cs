using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The public dashboard's chart by month (公开亮屏, no sign-in) in a real browser, with work completed in two months as
/// the host's test clock moves: each month its own bar and row, with its volume and on-time rate, in Chinese and in
/// English, readable by a screen reader and on a phone; the work done by <see cref="TwoMonthsBrowserFixture"/>.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardMonthsBrowserTests(TwoMonthsBrowserFixture fixture) : IClassFixture<TwoMonthsBrowserFixture>
{
    [Theory]
    [InlineData(BrowserFixture.Chinese, "每月办结量", "图表数据：每月办结量")]
    [InlineData(BrowserFixture.English, "Completed per month", "Chart data: Completed per month")]
    public async Task WorkCompletedInTwoMonths_ShowsAsTwoMonths_WithTheirVolumesAndOnTimeRates_OnAPhone(string culture, string title, string tableName)
    {
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740, culture: culture);

        await page.GotoAsync("/public");

        var figure = page.Locator("section[aria-labelledby='by-month-heading']");
        await Assertions.Expect(figure.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(title);
        // The chart: one bar a month, oldest first, each with its volume written beside it; April's half as long as March's.
        var chart = figure.GetByRole(AriaRole.Img, new() { Name = title, Exact = true });
        Assert.Equal(["2026-03", "14", "2026-04", "7"], await chart.Locator("text").AllTextContentsAsync());
        var bars = await chart.Locator("rect.bar").EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBoundingClientRect().width)");
        Assert.Equal(2, bars.Length);
        Assert.InRange(bars[1] / bars[0], 0.49, 0.51);
        // What the chart draws, as a table a screen reader reads: March's 14 steps, the bank's late one of 2 March among
        // them; April's 7, its bank late too.
        var table = figure.GetByRole(AriaRole.Table, new() { Name = tableName, Exact = true });
        Assert.Equal(
            [["2026-03", "14", "13", "1", "92.9%"], ["2026-04", "7", "6", "1", "85.7%"]],
            await table.Locator("tbody tr").EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent.trim()))"));
        // The chart fits the phone's width, not just the page.
        var chartWidth = await chart.EvaluateAsync<double>("svg => svg.getBoundingClientRect().right");
        Assert.True(chartWidth <= PageChecks.PhoneWidth, $"The chart ends at {chartWidth}px on a {PageChecks.PhoneWidth}px phone");
        if (culture == BrowserFixture.English)
        {
            await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-public-dashboard-months");
        }
        else
        {
            // The chart and its table alone, as the README shows them: the whole page on a phone is many screens long.
            await figure.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "public-dashboard-by-month-phone.png") });
            await PageChecks.AssertUsableAsync(page, "public-dashboard-months");
        }
    }

    [Fact]
    public async Task Bug_11_TheChartsTableCaptions_PutAnEnglishColonIntoChinese()
    {
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740);

        await page.GotoAsync("/public");

        Assert.Equal(
            ["图表数据：各部门按时办结率", "图表数据：各事项按时办结率", "图表数据：每月办结量"],
            await page.Locator("section.figure table caption").AllTextContentsAsync());
    }

    [Fact]
    public async Task Bug_11_TheChartTablesOnAPhone_BrokeAMonthOrAFigureOverTwoLines()
    {
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740);

        await page.GotoAsync("/public");

        // Every figure and month of the charts' tables on one line ("33.3" above "%", "2026-" above "03" before); a
        // department's or service's name may wrap.
        var cells = page.Locator("section.figure td.number, section.figure tbody th");
        Assert.True(await cells.CountAsync() > 10);
        var broken = await cells.EvaluateAllAsync<string[]>(
            """
            cells => cells
              .filter(c => !/[\u4e00-\u9fff]/.test(c.textContent))
              .filter(c => {
                const range = document.createRange();
                range.selectNodeContents(c);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1;
              })
              .map(c => c.textContent.trim())
            """);
        Assert.Empty(broken);
    }
}
