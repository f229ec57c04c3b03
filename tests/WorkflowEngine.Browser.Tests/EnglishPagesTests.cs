using System.Net.Http.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The main pages of one application, one task or one state, in English as the language switch leaves them: the
/// applicant's receipt and tracking page, the clerk's task page with its decisions and a refused form, the supervisor's
/// task page and supervision page with a request waiting, the editor showing errors. Each passes what every page must
/// (no serious or critical axe violation, a visible focus, fitting a 375 px phone), says <c>lang="en"</c> and shows no
/// Chinese in its own words. The empty pages in English are <see cref="MainPagesTests"/>'; the registration pages,
/// which need an SMS channel, are <see cref="SelfRegistrationBrowserTests"/>'.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EnglishPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    /// <summary>
    /// What every page must pass, in English. The desk pages included: a department receives a step's title, its
    /// service's and its materials' names in English too (<c>ExecuteStep.titleEn</c>, <c>serviceTitleEn</c>, a material's
    /// <c>nameEn</c>), so the clerk's and supervisor's pages show no Chinese of their own either; what people wrote
    /// inside a sentence of the page's (a clerk's reason, a name, a file's name) is marked <c>lang="zh"</c> where it is
    /// Chinese, and left as written.
    /// </summary>
    internal static async Task AssertEnglishAndUsableAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", BrowserFixture.English);
        await PageChecks.AssertNoChineseChromeAsync(page);
        await PageChecks.AssertUsableAsync(page, screenshot);
    }

    [Fact]
    public async Task ApplicantsReceiptAndTrackingPage_InEnglish()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        await Host.TaskOfAsync(id);

        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}/receipt", culture: BrowserFixture.English);
        await Assertions.Expect(page.Locator("h1")).Not.ToBeEmptyAsync();
        await AssertEnglishAndUsableAsync(page, "english-receipt");

        await page.GotoAsync($"/applications/{id}");
        await Assertions.Expect(page.Locator("#step-business-licence")).ToContainTextAsync("Market Regulation");
        await AssertEnglishAndUsableAsync(page, "english-tracking");
    }

    [Fact]
    public async Task Bug_11_TheProgressPagesPlainButtons_InEnglish_WereTooSmallForAThumb()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        await Host.TaskOfAsync(id);

        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}", culture: BrowserFixture.English);
        await page.SetViewportSizeAsync(PageChecks.PhoneWidth, 740);

        // The language of the e-mails and SMS, opened: its Save was a browser's own button, 21 px high.
        await page.Locator(".setting summary").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToBeVisibleAsync();
        await PageChecks.AssertControlsBigEnoughAsync(page);
    }

    [Fact]
    public async Task ClerksTaskPage_InEnglish_Claimed_AndWithAFieldError()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();
        var page = await fixture.SignedInAsync("samr-clerk", $"/desk/tasks/{taskId}", culture: BrowserFixture.English);
        await AssertEnglishAndUsableAsync(page, "english-desk-task");

        await page.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".desk-done")).Not.ToBeEmptyAsync();
        await AssertEnglishAndUsableAsync(page, "english-desk-task-claimed");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#rejectReason-error")).Not.ToBeEmptyAsync();
        await AssertEnglishAndUsableAsync(page, "english-desk-task-error");
    }

    [Fact]
    public async Task SupervisorsPages_InEnglish_WithAnExtensionRequestWaiting()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = Host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/extensions", new { workingDays = 1, reason = "需核实股东身份" })).EnsureSuccessStatusCode();
        }

        var page = await fixture.SignedInAsync("samr-supervisor", "/desk/supervise", culture: BrowserFixture.English);
        await Assertions.Expect(page.Locator(".desk-extension")).Not.ToHaveCountAsync(0);
        await AssertEnglishAndUsableAsync(page, "english-desk-supervise");

        await page.GotoAsync($"/desk/tasks/{taskId}");
        await Assertions.Expect(page.Locator("#to")).ToBeVisibleAsync();
        await AssertEnglishAndUsableAsync(page, "english-desk-task-supervisor");
    }

    [Fact]
    public async Task EditorWithAnError_InEnglish()
    {
        var page = await fixture.SignedInAsync("admin", "/admin/definitions/business-opening/versions/1", culture: BrowserFixture.English);
        await AssertEnglishAndUsableAsync(page, "english-admin-version");

        await page.GotoAsync("/admin/definitions/edit?id=business-opening&version=1");
        var source = page.Locator("#source");
        await Assertions.Expect(source).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("department: PSB"));
        var text = await source.InputValueAsync();

        await source.FillAsync(text.Replace("department: PSB", "department: MARS", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#editor-errors")).ToContainTextAsync("MARS");
        await AssertEnglishAndUsableAsync(page, "english-admin-editor-error");
    }
}
