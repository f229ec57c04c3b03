using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The applicant's progress page of 工程建设项目审批 (four stages with limits of their own): the bundle's clock at the top
/// and each stage as a group around its steps with its own clock line, running, then stopped for a supplement request
/// (补正). The due times shown are those of <c>GET /api/applications/{id}/clocks</c>.
/// </summary>
[Trait("Category", "Browser")]
public sealed class StageClocksBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ProgressPage_ShowsTheBundleAndStageClocksWithTheirDueTimes_AndTheirPauseForASupplementRequest()
    {
        var host = fixture.Host;
        Guid id;
        using (var builder = host.Client("lisi"))
        using (var submitted = await builder.PostAsync("/api/applications", ConstructionPermit.Multipart()))
        {
            Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
            id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        var drc = await host.TaskOfAsync(id, "DRC", "drc-clerk");
        var nrp = await host.TaskOfAsync(id, "NRP", "nrp-clerk");
        var page = await fixture.SignedInAsync("lisi", $"/applications/{id}");

        // The bundle's clock at the top: 45 promised and 120 statutory working days from Monday 2 March, running.
        var bundle = page.Locator("#bundle-clock");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "整件事的办理时限", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(bundle.Locator(".clock-state")).ToHaveTextAsync("正在计时");
        await Assertions.Expect(bundle.Locator("dt").First).ToHaveTextAsync("承诺时限 45 个工作日");
        await Assertions.Expect(bundle.Locator("dt").Nth(1)).ToHaveTextAsync("法定时限 120 个工作日");
        await Assertions.Expect(bundle.Locator(".clock-promised")).ToContainTextAsync($"{await DueAsync(id, "bundle", "promised")} 到期");
        await Assertions.Expect(bundle.Locator(".clock-statutory")).ToContainTextAsync($"{await DueAsync(id, "bundle", "statutory")} 到期");
        await Assertions.Expect(bundle.Locator(".clock-promised .time-left")).ToContainTextAsync("剩余");

        // The first stage around its two parallel reviews: eight working days, due at the close of Thursday 12 March.
        var stage = page.Locator("#step-stage-land-use");
        await Assertions.Expect(stage.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync("阶段 立项用地规划许可阶段");
        await Assertions.Expect(stage.Locator("#stage-clock-stage-land-use .clock-state")).ToHaveTextAsync("正在计时");
        await Assertions.Expect(stage.Locator("#stage-clock-stage-land-use dt").First).ToHaveTextAsync("承诺时限 8 个工作日");
        await Assertions.Expect(stage.Locator("#stage-clock-stage-land-use .clock-promised")).ToContainTextAsync("2026-03-12 17:30 到期");
        Assert.Equal("2026-03-12 17:30", await DueAsync(id, "stage-land-use", "promised"));
        await Assertions.Expect(stage.Locator("#step-project-approval").GetByRole(AriaRole.Heading, new() { Level = 4 })).ToHaveTextAsync("项目审批（核准、备案）");
        await Assertions.Expect(stage.Locator("#step-land-use-permit")).ToContainTextAsync("自然资源");
        // A later stage is listed with its limit, counted from when it starts.
        await Assertions.Expect(page.Locator("#stage-clock-stage-planning .clock-state")).ToHaveTextAsync("尚未开始计时");
        await Assertions.Expect(page.Locator("#stage-clock-stage-planning .clock-promised")).ToHaveTextAsync("开始后起算");
        await PageChecks.AssertUsableAsync(page, "application-stages");

        // Both departments of the stage ask for a supplement: nothing under the stage runs, so the stage and the bundle stop.
        await AskForASupplementAsync(drc, "drc-clerk", "projectProposal");
        await AskForASupplementAsync(nrp, "nrp-clerk", "siteSelection");
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("lisi", $"/api/applications/{id}/clocks"),
            c => Clock(c, "bundle").GetProperty("status").GetString() == "paused",
            "the bundle's clock to stop");
        await page.ReloadAsync();

        foreach (var stopped in new[] { bundle, stage.Locator("#stage-clock-stage-land-use") })
        {
            await Assertions.Expect(stopped.Locator(".clock-state strong")).ToHaveTextAsync("计时暂停：补正");
            await Assertions.Expect(stopped.Locator(".clock-state")).ToContainTextAsync("在办环节均已暂停计时");
            await Assertions.Expect(stopped.Locator(".clock-promised .time-left")).ToContainTextAsync("计时恢复后顺延");
        }

        // While stopped, each due time is where it falls if the clock ran again now, as the API says.
        await Assertions.Expect(bundle.Locator(".clock-promised")).ToContainTextAsync($"{await DueAsync(id, "bundle", "promised")} 到期");
        await Assertions.Expect(stage.Locator("#stage-clock-stage-land-use .clock-promised")).ToContainTextAsync($"{await DueAsync(id, "stage-land-use", "promised")} 到期");
        await Assertions.Expect(stage.Locator("#step-land-use-permit .paused")).ToContainTextAsync("计时暂停：补正");
        await PageChecks.AssertUsableAsync(page, "application-stages-paused");

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Time limits of the whole application" })).ToBeVisibleAsync();
        await Assertions.Expect(bundle.Locator(".clock-state strong")).ToHaveTextAsync("Time stopped: supplementary material requested");
        await Assertions.Expect(bundle.Locator("dt").First).ToHaveTextAsync("Promised limit: 45 working days");
        await Assertions.Expect(stage.Locator("#stage-clock-stage-land-use dt").First).ToHaveTextAsync("Promised limit: 8 working days");
    }

    private async Task AskForASupplementAsync(JsonElement task, string clerk, string material)
    {
        var taskId = task.GetProperty("id").GetString();
        using var client = fixture.Host.Client(clerk);
        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await client.PostAsJsonAsync($"/api/tasks/{taskId}/supplements",
            new { items = new[] { new { material, reason = "材料缺少盖章页" } } });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
    }

    /// <summary>A clock's due time for one limit as the clocks endpoint gives it, written as the page writes times (Beijing time).</summary>
    private async Task<string> DueAsync(Guid id, string clock, string limit)
    {
        var clocks = await fixture.Host.GetJsonAsync("lisi", $"/api/applications/{id}/clocks");
        return Clock(clocks, clock).GetProperty(limit).GetProperty("dueAt").GetDateTimeOffset()
            .ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    private static JsonElement Clock(JsonElement clocks, string id) =>
        clocks.GetProperty("clocks").EnumerateArray().First(c => c.GetProperty("kind").GetString() == id || c.GetProperty("id").GetString() == id);
}
