using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// A citizen who walked in comes back to the counter with what a department asked for: the window staff find the
/// application in their list, marked as waiting for the citizen with what was asked, open it, see every item asked for, upload them in one
/// submission for the citizen, and the step's clock runs again. Both pages pass axe (no serious or critical violation).
/// </summary>
[Trait("Category", "Browser")]
public sealed class WalkInBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task WindowStaff_AnswerAWalkInsSupplementRequest_OnTheWalkInsPage()
    {
        var (id, number) = await TakeInAsync();
        var task = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = Host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            // Asked after the intake's uploads, as at any real counter: a file uploaded before the request does not answer it.
            Host.Clock.Advance(TimeSpan.FromMinutes(10));
            using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new
            {
                items = new[] { new { material = "articles", reason = "章程未经全体股东签字" }, new { material = "legalRepIdCopy", reason = "复印件不清晰" } },
                note = "请一并提交",
            });
            Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        }

        await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("gsc-window", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request");
        var page = await fixture.SignedInAsync("gsc-window", "/window/applications");
        var row = page.Locator("#walk-ins").Locator($"#application-{id}");
        await Assertions.Expect(row).ToContainTextAsync("周九");
        await Assertions.Expect(row).ToContainTextAsync("补正材料：公司章程、法定代表人身份证件");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await Screenshots.SaveAsync(page, "window-applications");

        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.EndsWith($"/window/applications/{id}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#acting-for")).ToContainTextAsync("周九");
        var upload = page.Locator(".upload-panel");
        await Assertions.Expect(upload).ToContainTextAsync("章程未经全体股东签字");
        await Assertions.Expect(upload).ToContainTextAsync("复印件不清晰");
        await PageChecks.AssertUsableAsync(page, "window-application-supplement");

        await page.GetByLabel("公司章程").SetInputFilesAsync(new FilePayload { Name = "章程（签字）.pdf", MimeType = "application/pdf", Buffer = BusinessOpening.Pdf });
        await page.GetByLabel("法定代表人身份证件").SetInputFilesAsync(new FilePayload { Name = "身份证（清晰）.pdf", MimeType = "application/pdf", Buffer = BusinessOpening.Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传", Exact = true }).ClickAsync();

        await BrowserFixture.ArrivedAsync(page, url => url.Contains($"/window/applications/{id}?uploaded=true", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("材料已上传。");
        await Assertions.Expect(page.Locator(".upload-panel")).Not.ToContainTextAsync("章程未经全体股东签字");
        await Assertions.Expect(page.Locator("#step-business-licence .paused")).ToHaveCountAsync(0);
        var application = await Host.GetJsonAsync("gsc-window", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", application.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("stepId").GetString() == "business-licence").GetProperty("clock").GetString());
    }

    private async Task<(Guid Id, string Number)> TakeInAsync()
    {
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = "周九", ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };
        using var window = Host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", BusinessOpening.Multipart(application));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var receipt = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application");
        return (receipt.GetProperty("id").GetGuid(), receipt.GetProperty("trackingNumber").GetString()!);
    }
}
