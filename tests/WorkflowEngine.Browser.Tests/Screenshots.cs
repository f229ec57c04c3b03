using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The screenshots the tests write: whole pages, beside the test assembly in <c>screenshots/</c> (a run overwrites its
/// own, never the curated copies in <c>docs/screenshots/</c>, which the README shows). A phone's are named <c>…-phone</c>.
/// </summary>
public static class Screenshots
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static Task SaveAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
}
