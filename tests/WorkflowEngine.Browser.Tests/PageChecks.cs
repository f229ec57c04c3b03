using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>What every page must pass: axe without a serious or critical violation, no sideways scrolling on a phone, a visible keyboard focus.</summary>
public static class PageChecks
{
    /// <summary>The phone width the pages must fit (an iPhone SE / mini in CSS pixels).</summary>
    public const int PhoneWidth = 375;

    public static async Task AssertNoSeriousAccessibilityViolationAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToArray();
        if (serious.Length == 0)
        {
            return;
        }

        var report = new StringBuilder($"axe found {serious.Length} serious or critical violation(s) on {page.Url}:");
        foreach (var violation in serious)
        {
            report.AppendLine().Append($"- [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.AppendLine().Append($"    {node.Target}: {node.Html}");
            }
        }

        Assert.Fail(report.ToString());
    }

    /// <summary>
    /// Opens the page again at a phone's width, with its cookies (its language), and checks that nothing is wider than
    /// the screen; with a <paramref name="screenshot"/> name, writes the phone's view as <c>&lt;name&gt;-phone.png</c>.
    /// </summary>
    public static async Task AssertFitsAPhoneAsync(BrowserFixture fixture, IPage page, string? screenshot = null)
    {
        var phone = await fixture.NewPageAsync(PhoneWidth, 740);
        try
        {
            await phone.Context.AddCookiesAsync((await page.Context.CookiesAsync())
                .Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path }));
            await phone.GotoAsync(page.Url);
            await AssertNoSidewaysScrollAsync(phone);
            if (screenshot is not null)
            {
                await Screenshots.SaveAsync(phone, $"{screenshot}-phone");
            }
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>The page as it stands in its window: nothing is wider than the window, so it never scrolls sideways.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} at {page.ViewportSize?.Width}px scrolls sideways: the page is {widths[0]}px wide in a {widths[1]}px window");
    }

    /// <summary>Tabs through the first elements of the page: each one focused shows an outline a sighted keyboard user sees.</summary>
    public static async Task AssertKeyboardFocusIsVisibleAsync(IPage page, int stops = 5)
    {
        for (var i = 0; i < stops; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<string[]>(
                """
                () => {
                  const e = document.activeElement;
                  const s = getComputedStyle(e);
                  const r = e.getBoundingClientRect();
                  return [e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30), s.outlineStyle, s.outlineWidth,
                          String(r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0)];
                }
                """);
            Assert.True(focus[1] != "none" && focus[2] != "0px" && focus[3] == "true",
                $"Tab stop {i + 1} on {page.Url} ({focus[0]}) has no visible focus: outline {focus[1]} {focus[2]}, on screen {focus[3]}");
        }
    }

    /// <summary>
    /// Everything one page must pass, at a desktop's width and at a phone's; with a <paramref name="screenshot"/> name,
    /// writes both views (<c>&lt;name&gt;.png</c>, <c>&lt;name&gt;-phone.png</c>) to <see cref="Screenshots.Folder"/>.
    /// </summary>
    public static async Task AssertUsableAsync(BrowserFixture fixture, IPage page, string? screenshot = null)
    {
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot);
        }

        await AssertNoSeriousAccessibilityViolationAsync(page);
        await AssertKeyboardFocusIsVisibleAsync(page);
        await AssertFitsAPhoneAsync(fixture, page, screenshot);
    }
}
