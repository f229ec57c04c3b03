using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The all-in-one host started for real (a fresh SQLite file, the in-memory bus, a test clock) and Debian's chromium
/// driven headless by Playwright, shared by a test class. Playwright never downloads a browser here: it launches the
/// one at <see cref="ChromiumPath"/>, which <c>.ci/run</c> installs when it is missing.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where the browser is: <c>WFE_CHROMIUM</c> when set, else Debian's package.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("WFE_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public AllInOneHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Assertions wait as patiently as pages do (see Patient): a right page that is slow to come passes, a wrong one still fails.
        Assertions.SetDefaultExpectTimeout(90_000);
        Host = await StartHostAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    /// <summary>The host the browser visits: the all-in-one host unless a fixture of another host says otherwise.</summary>
    protected virtual Task<AllInOneHost> StartHostAsync() =>
        // The dashboard refreshes every second here, so that a test sees it follow completed work without a reload.
        AllInOneHost.StartAsync(extraArgs: "--Pages:DashboardRefreshSeconds=1");

    /// <summary>Launches the headless chromium at <see cref="ChromiumPath"/>, or says how to install it.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need chromium at {ChromiumPath}: install it with `apt-get install -y chromium` (.ci/run does), or set WFE_CHROMIUM to a Chromium binary.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Playwright gives each launch a fresh profile of its own; no outside address is reachable, so nothing may call out.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The language the pages open in when a test does not switch: Chinese, the site's default.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>The other language of the switch.</summary>
    public const string English = "en";

    /// <summary>A fresh browser context (its own cookies) at a phone's width or a desktop's, in <paramref name="culture"/> as the language switch leaves it.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, string culture = Chinese)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        Patient(context);
        await ChooseLanguageAsync(context, culture);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A fresh browser context signed in as a demo user on the sign-in page, at <paramref name="returnUrl"/>; optionally
    /// without script, or in English.
    /// </summary>
    public async Task<IPage> SignedInAsync(string user, string returnUrl, bool javaScript = true, string culture = Chinese)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            JavaScriptEnabled = javaScript,
        });
        Patient(context);
        await ChooseLanguageAsync(context, culture);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.Locator("#userName").FillAsync(user);
        await page.Locator("#password").FillAsync("Demo#2026");
        await page.GetByRole(AriaRole.Button, new() { Name = culture == English ? "Sign in" : "登录", Exact = true }).ClickAsync();
        await ArrivedAsync(page, url => new Uri(url).PathAndQuery == returnUrl);
        return page;
    }

    /// <summary>The culture cookie the language switch (<c>/language</c>) writes, set in the context before its first page; Chinese needs none.</summary>
    private Task ChooseLanguageAsync(IBrowserContext context, string culture) =>
        culture == Chinese
            ? Task.CompletedTask
            : context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = Host.Address.ToString() }]);

    /// <summary>
    /// Waits for pages and navigations up to 90 s instead of Playwright's 30: the suite's classes start a host and a
    /// browser each at once on a 2-core machine, and a class's first sign-in (a cold host, JIT and PBKDF2 included) once
    /// took longer than 30 s in CI while the same test passed alone in seconds. An assertion still fails on a wrong page.
    /// </summary>
    private static void Patient(IBrowserContext context)
    {
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
    }

    /// <summary>
    /// Waits, as patiently as pages (<see cref="Patient"/>), until the page's address is one <paramref name="address"/>
    /// accepts and the page has loaded; for a navigation a click began. Not <c>IPage.WaitForURLAsync</c>: Playwright for
    /// .NET checks the address, then subscribes to the navigation and load events, and an event the thread that delivers
    /// them raises in between is lost (microsoft/playwright-dotnet#3364), so a page that had loaded was waited for until
    /// the timeout: 90 s and a failed test in about one run in five, a different test each time. The address is read as
    /// the page has it, and the load state asked for in short rounds: a state one round missed is recorded, and the next
    /// round finds it at once.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, Func<string, bool> address, int timeoutSeconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!address(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeoutSeconds}s for the page to reach the address expected; it is at {page.Url}");
            }

            await Task.Delay(20);
        }

        while (true)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                // The next round finds a load that came while this one was subscribing.
            }
        }
    }

    /// <summary>Reloads the page until <paramref name="target"/> is on it: what another person did reaches this page on its next load.</summary>
    public static Task ReloadUntilAsync(IPage page, ILocator target, string what) =>
        AllInOneHost.EventuallyAsync(
            async () =>
            {
                if (await target.CountAsync() > 0)
                {
                    return true;
                }

                await page.ReloadAsync();
                return await target.CountAsync() > 0;
            },
            seen => seen,
            what,
            timeoutSeconds: 90);

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
