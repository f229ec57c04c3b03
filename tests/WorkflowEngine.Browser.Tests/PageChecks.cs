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
    /// The page as it is shown now (after a form's answer too, which opening its address again would lose), at a phone's
    /// width: nothing is wider than the screen; with a <paramref name="screenshot"/> name, writes the phone's view as
    /// <c>&lt;name&gt;-phone.png</c>. The window gets its size back afterwards.
    /// </summary>
    public static async Task AssertFitsAPhoneAsync(IPage page, string? screenshot = null)
    {
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 800 };
        await page.SetViewportSizeAsync(PhoneWidth, 740);
        try
        {
            await AssertNoSidewaysScrollAsync(page);
            await AssertChoicesBesideTheirLabelsAsync(page);
            if (screenshot is not null)
            {
                await Screenshots.SaveAsync(page, $"{screenshot}-phone");
            }
        }
        finally
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }

    /// <summary>One main landmark: a page that nests a second inside the layout's leaves screen readers two "main" regions.</summary>
    public static async Task AssertOneMainAsync(IPage page)
    {
        var mains = await page.EvaluateAsync<int>("() => document.querySelectorAll('main').length");
        Assert.True(mains == 1, $"{page.Url} has {mains} <main> elements, not one");
    }

    /// <summary>
    /// Every checkbox and radio button shown sits just left of its visible label, on the same line, as a reader expects
    /// to find what it ticks: a layout that moves the box away from its words (as the desk's further supplement request
    /// did, a column's width away) leaves a clerk guessing which box is whose.
    /// </summary>
    public static async Task AssertChoicesBesideTheirLabelsAsync(IPage page)
    {
        var stray = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
                .filter(input => input.id && input.getClientRects().length > 0)
                .flatMap(input => [...document.querySelectorAll(`label[for="${CSS.escape(input.id)}"]`)]
                    .filter(label => label.getClientRects().length > 0 && label.getBoundingClientRect().width > 1)
                    .map(label => [input, label]))
                .filter(([input, label]) => {
                    // The box is drawn in the middle of its element, which a layout may stretch far wider than the box.
                    const box = input.getBoundingClientRect(), words = label.getBoundingClientRect();
                    const x = box.left + box.width / 2, y = box.top + box.height / 2, gap = words.left - x;
                    return !(words.top <= y && y <= words.bottom && gap > 0 && gap <= 32);
                })
                .map(([input, label]) => `#${input.id} and "${label.textContent.trim()}"`)
            """);
        Assert.True(stray.Length == 0, $"{page.Url} at {page.ViewportSize?.Width}px: a box away from its label: {string.Join("; ", stray)}");
    }

    /// <summary>The page as it stands in its window: nothing is wider than the window, so it never scrolls sideways.</summary>
    public static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} at {page.ViewportSize?.Width}px scrolls sideways: the page is {widths[0]}px wide in a {widths[1]}px window");
    }

    /// <summary>
    /// From the main content, as the skip link leaves a keyboard user, tabs through its first elements (not the header's,
    /// which every page shares): each one focused shows an outline a sighted keyboard user sees.
    /// </summary>
    public static async Task AssertKeyboardFocusIsVisibleAsync(IPage page, int stops = 5)
    {
        await page.FocusAsync("#main");
        for (var i = 0; i < stops; i++)
        {
            var focus = await TabAsync(page);
            if (focus[4] != "main")
            {
                // Past the main content's last stop (into the footer, or back to the address bar): nothing more of its own.
                Assert.True(i > 0 || await page.EvaluateAsync<bool>(
                    "() => !document.getElementById('main').querySelector('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex=\"-1\"])')"),
                    $"Tab from the main content on {page.Url} left it ({focus[0]}) although it has elements to focus");
                return;
            }

            Assert.True(focus[1] != "none" && focus[2] != "0px" && focus[3] == "true",
                $"Tab stop {i + 1} in the main content of {page.Url} ({focus[0]}) has no visible focus: outline {focus[1]} {focus[2]}, on screen {focus[3]}");
        }
    }

    /// <summary>
    /// From the top of the page, as a keyboard user arrives, tabs through the skip link and the header every page shares
    /// (its navigation links, the language and account controls): each stop shows an outline a sighted keyboard user sees.
    /// Checked once, on one signed-in page, rather than on every page: the header is the layout's, the same everywhere.
    /// </summary>
    public static async Task AssertHeaderKeyboardFocusIsVisibleAsync(IPage page)
    {
        await page.EvaluateAsync("() => { if (document.activeElement instanceof HTMLElement) { document.activeElement.blur(); } }");
        var stops = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var focus = await TabAsync(page);
            if (focus[4] is not ("skip" or "nav" or "header"))
            {
                break;
            }

            Assert.True(focus[1] != "none" && focus[2] != "0px" && focus[3] == "true",
                $"Tab stop {i + 1} in the header of {page.Url} ({focus[0]}) has no visible focus: outline {focus[1]} {focus[2]}, on screen {focus[3]}");
            stops.Add(focus[4]);
        }

        Assert.True(stops.FirstOrDefault() == "skip", $"The first Tab stop on {page.Url} is not the skip link: {string.Join(", ", stops)}");
        Assert.True(stops.Count(s => s == "nav") >= 2, $"Tab from the top of {page.Url} reached fewer than two navigation links: {string.Join(", ", stops)}");
    }

    /// <summary>
    /// Presses Tab and describes the element focused: what it is, its outline's style and width, whether it is on screen,
    /// and where it stands (<c>main</c>, <c>skip</c> for the skip link, <c>nav</c> or <c>header</c> in the header, else <c>out</c>).
    /// </summary>
    private static async Task<string[]> TabAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        return await page.EvaluateAsync<string[]>(
            """
            () => {
              const e = document.activeElement;
              const s = getComputedStyle(e);
              const r = e.getBoundingClientRect();
              const place = e === document.body ? 'out' : document.getElementById('main').contains(e) ? 'main'
                : e.classList.contains('skip-link') ? 'skip' : e.closest('header nav') ? 'nav' : e.closest('header') ? 'header' : 'out';
              return [e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30) + (e.id ? '#' + e.id : '') + (e.type ? ' type=' + e.type : '') + ' focus=' + e.matches(':focus') + ' doc=' + document.hasFocus(), s.outlineStyle, s.outlineWidth,
                      String(r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0), place];
            }
            """);
    }

    /// <summary>
    /// Every control of the main content a thumb must hit (buttons, fields, choices, disclosures, links shown as
    /// buttons) is at least 24 by 24 CSS pixels (WCAG 2.2, 2.5.8), a box or a round choice counted with its label, which
    /// a tap on selects it too. Links inside a sentence are exempt, as WCAG exempts them.
    /// </summary>
    public static async Task AssertControlsBigEnoughAsync(IPage page)
    {
        var small = await page.EvaluateAsync<string[]>(
            """
            () => {
              const found = [];
              const controls = document.querySelectorAll(
                '#main button, #main input:not([type=hidden]), #main select, #main textarea, #main summary, #main a.button');
              for (const e of controls) {
                const r = e.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) { continue; }
                let width = r.width, height = r.height;
                if ((e.type === 'checkbox' || e.type === 'radio') && e.labels && e.labels.length > 0) {
                  const l = e.labels[0].getBoundingClientRect();
                  const left = Math.min(r.left, l.left), right = Math.max(r.right, l.right);
                  const top = Math.min(r.top, l.top), bottom = Math.max(r.bottom, l.bottom);
                  width = right - left; height = bottom - top;
                }
                if (width < 24 || height < 24) {
                  found.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.type ? '[' + e.type + ']' : '') + ' '
                    + (e.textContent || e.name || '').trim().slice(0, 30) + ': ' + Math.round(width) + 'x' + Math.round(height));
                }
              }
              return found;
            }
            """);
        Assert.True(small.Length == 0, $"{page.Url} at {page.ViewportSize?.Width}px has controls smaller than 24x24 px:\n" + string.Join("\n", small));
    }

    /// <summary>
    /// A page in English says its own words in English: no Chinese in the page's chrome (its header, headings, labels,
    /// buttons, column heads, notes and messages). What people wrote stays as written (a name, a company, a reason) and
    /// is not looked at: the text of table cells, description values, code and the signed-in person's name; nor is a
    /// Chinese term named in brackets after its English.
    /// </summary>
    public static async Task AssertNoChineseChromeAsync(IPage page)
    {
        var chinese = await page.EvaluateAsync<string[]>(
            """
            () => {
              const han = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
              // Written by people, not the page: table cells, description values, code, the signed-in person's name.
              const written = 'script, style, textarea, code, pre, td, dd, [lang^="zh"], .signed-in-name';
              // English that names the Chinese term in brackets, as "May come later (容缺)" does, says it in English.
              const glossed = t => { const rest = t.replace(/\([^()]*\)/g, ''); return !han.test(rest) && /[A-Za-z]/.test(rest); };
              const found = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent.trim();
                const e = node.parentElement;
                if (!text || !han.test(text) || !e || e.closest(written) || glossed(text)) { continue; }
                const path = [];
                for (let a = e; a && a !== document.body && path.length < 4; a = a.parentElement) {
                  path.unshift(a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + (a.classList.length ? '.' + [...a.classList].join('.') : ''));
                }
                found.push(path.join(' > ') + ': ' + text.slice(0, 80));
              }
              for (const e of document.querySelectorAll('[aria-label], [title], [placeholder], input[type=submit][value]')) {
                for (const name of ['aria-label', 'title', 'placeholder', 'value']) {
                  const value = e.getAttribute(name);
                  if (value && han.test(value) && !e.closest(written) && !glossed(value)) { found.push(e.tagName.toLowerCase() + '[' + name + ']: ' + value.slice(0, 80)); }
                }
              }
              return found;
            }
            """);
        Assert.True(chinese.Length == 0, $"{page.Url} in English shows Chinese in its own words:\n" + string.Join("\n", chinese));
    }

    /// <summary>
    /// Everything one page must pass, at a desktop's width and at a phone's; with a <paramref name="screenshot"/> name,
    /// writes both views (<c>&lt;name&gt;.png</c>, <c>&lt;name&gt;-phone.png</c>) to <see cref="Screenshots.Folder"/>.
    /// </summary>
    public static async Task AssertUsableAsync(IPage page, string? screenshot = null)
    {
        if (screenshot is not null)
        {
            await Screenshots.SaveAsync(page, screenshot);
        }

        await AssertOneMainAsync(page);
        await AssertChoicesBesideTheirLabelsAsync(page);
        await AssertNoSeriousAccessibilityViolationAsync(page);
        await AssertKeyboardFocusIsVisibleAsync(page);
        await AssertFitsAPhoneAsync(page, screenshot);
    }
}
