using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The clerk sees the step's statutory due time (法定时限) beside the promised one, on the task's API and page, and it
/// follows the clock: the business licence is promised in 2 working hours and bound by law to 3 working days
/// (市场主体登记管理条例 第十九条); the seal engraving has no statutory limit of its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatutoryDueOnTaskTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task TheLicenceTask_ShowsItsStatutoryDueTime_AndAnExcludedPeriodMovesIt()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var clerk = host.Client("samr-clerk");
        var (id, task) = await ClaimedLicenceAsync(host, clerk);

        // Accepted at 09:00 on Monday: the three working days count from Tuesday, so the close of Thursday.
        var step = await StepAsync(host, task);
        Assert.Equal("3 个工作日", step.GetProperty("statutoryLimit").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 30, 0, Cst), step.GetProperty("statutoryDueAt").GetDateTimeOffset());
        var page = await StatutoryDueOnPageAsync(clerk, task);
        Assert.Contains("法定期限", page, StringComparison.Ordinal);
        Assert.Contains("2026-03-05 17:30", page, StringComparison.Ordinal);
        Assert.Contains("法定时限 3 个工作日", page, StringComparison.Ordinal);

        // Testing from 09:00 on Monday to 09:00 on Thursday: Tuesday and Wednesday did not count against the statutory limit.
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "testing", reason = "样品送检" })).StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to stand still");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 5, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).StatusCode);

        step = await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, task),
            s => s.GetProperty("statutoryDueAt").GetDateTimeOffset() != new DateTimeOffset(2026, 3, 5, 17, 30, 0, Cst),
            "the clerk's task to show the moved statutory due time");
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 17, 30, 0, Cst), step.GetProperty("statutoryDueAt").GetDateTimeOffset());
        Assert.Equal(await EnginesStatutoryDueAsync(host, id), step.GetProperty("statutoryDueAt").GetDateTimeOffset());
        page = await StatutoryDueOnPageAsync(clerk, task);
        Assert.Contains("2026-03-09 17:30", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-03-05 17:30", page, StringComparison.Ordinal);

        // The seal engraving has no statutory limit: its task says nothing of one.
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        var seal = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("psb-clerk", "/api/departments/PSB/tasks"), t => t.GetArrayLength() == 1, "the PSB task"))[0].GetProperty("id").GetString();
        var sealStep = (await host.GetJsonAsync("psb-clerk", $"/api/tasks/{seal}")).GetProperty("application");
        Assert.False(sealStep.TryGetProperty("statutoryDueAt", out var none) && none.ValueKind != JsonValueKind.Null);
        using var psb = host.Client("psb-clerk");
        Assert.DoesNotContain("法定期限", WebUtility.HtmlDecode(await psb.GetStringAsync($"/desk/tasks/{seal}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASupplementPause_MovesTheStatutoryDueTimeOnTheClerksTask_AsTheEngineCountsIt()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var clerk = host.Client("samr-clerk");
        var (id, task) = await ClaimedLicenceAsync(host, clerk);
        var before = (await StepAsync(host, task)).GetProperty("statutoryDueAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 17, 30, 0, Cst), before);

        // Asked at 09:30 on Monday, answered in full at 09:00 on Wednesday: Tuesday did not count.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" } } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to stand still");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        using var citizen = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.OK, (await SupplementTests.UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).StatusCode);

        var engines = await EnginesStatutoryDueAsync(host, id);
        Assert.True(engines > before, $"the engine's statutory due time {engines:o} should have moved past {before:o}");
        var step = await AllInOneHost.EventuallyAsync(
            () => StepAsync(host, task),
            s => s.GetProperty("statutoryDueAt").GetDateTimeOffset() == engines,
            "the clerk's task to show the engine's statutory due time");
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 17, 30, 0, Cst), step.GetProperty("statutoryDueAt").GetDateTimeOffset());
        Assert.Contains("2026-03-06 17:30", await StatutoryDueOnPageAsync(clerk, task), StringComparison.Ordinal);
    }

    /// <summary>A business opening submitted at 09:00 on Monday, its licence task claimed by the clerk.</summary>
    private static async Task<(Guid Id, string? Task)> ClaimedLicenceAsync(AllInOneHost host, HttpClient clerk)
    {
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        return (id, task);
    }

    /// <summary>The step as the clerk's department holds it (the task's <c>application</c>).</summary>
    private static async Task<JsonElement> StepAsync(AllInOneHost host, string? task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("application");

    /// <summary>The statutory due time of the licence as the engine's clocks read it (what the applicant sees).</summary>
    private static async Task<DateTimeOffset> EnginesStatutoryDueAsync(AllInOneHost host, Guid id) =>
        (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("clocks").EnumerateArray()
            .Single(c => c.GetProperty("id").GetString() == "business-licence").GetProperty("statutory").GetProperty("dueAt").GetDateTimeOffset();

    /// <summary>The task page's statutory due time entry.</summary>
    internal static async Task<string> StatutoryDueOnPageAsync(HttpClient clerk, string? task)
    {
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}"));
        var at = page.IndexOf("id=\"task-statutory-due\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "the task page shows the statutory due time");
        return page[(at - 200)..page.IndexOf("</dd>", at, StringComparison.Ordinal)];
    }
}
