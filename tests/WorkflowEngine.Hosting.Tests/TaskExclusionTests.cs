using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A clerk records a period the law does not count (an expert review, say): the step's clock stands still, the
/// applicant reads why, and when the period ends the due time has moved by exactly the office time it lasted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TaskExclusionTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ExpertReview_PausesTheLicenceClock_AndItsEndMovesTheDueTimeByOneWorkingDay()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        using var colleague = host.Client("samr-clerk-2");

        // Only the clerk holding the task (or a supervisor) records one, and only of a kind the law names.
        var review = new { kind = "expert-review", reason = "企业名称含行业表述，需组织专家论证" };
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", review)).StatusCode);
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await colleague.PostAsJsonAsync($"/api/tasks/{task}/exclusions", review)).StatusCode);
        using var badKind = await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "lunch", reason = "午休" });
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("expert-review", await badKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var excluded = await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", review);
        Assert.Equal(HttpStatusCode.Accepted, excluded.StatusCode);

        var clocks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Licence(c).GetProperty("status").GetString() == "paused",
            "the licence clock to stand still");
        var paused = Licence(clocks).GetProperty("paused");
        Assert.Equal("excluded-period", paused.GetProperty("reason").GetString());
        Assert.Equal("专家评审：企业名称含行业表述，需组织专家论证", paused.GetProperty("text").GetString());
        Assert.True(Licence(clocks).GetProperty("promised").GetProperty("dueAtIfResumedNow").GetBoolean());
        // The application itself says the step's clock stands still, so an applicant seeing no due time knows why.
        var whilePaused = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("stepId").GetString() == "business-licence");
        Assert.Equal("paused", whilePaused.GetProperty("clock").GetString());

        // The review takes Monday; the clerk ends it at 09:00 on Tuesday.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        using var ended = await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null);
        Assert.Equal(HttpStatusCode.Accepted, ended.StatusCode);

        clocks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Licence(c).GetProperty("status").GetString() == "running",
            "the licence clock to run again");
        // Two office hours from 09:00 on Monday were due at 11:00; the review moved them a working day on.
        var promised = Licence(clocks).GetProperty("promised");
        Assert.Equal("2026-03-03T11:00:00+08:00", promised.GetProperty("dueAt").GetString());
        Assert.Equal(7m, promised.GetProperty("pausedHours").GetDecimal());
        var monday = Assert.Single(promised.GetProperty("notCounted").EnumerateArray(), d => d.GetProperty("date").GetString() == "2026-03-02");
        Assert.Equal("excluded-period", monday.GetProperty("reason").GetString());
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        var licence = application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "business-licence");
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst), licence.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("running", licence.GetProperty("clock").GetString());
    }

    [Fact]
    public async Task AnExcludedPeriodOfThreeWorkingDays_MovesTheStepsDueTimesByThree_AndTheBundlesWithThem()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        var before = Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"));
        // Two office hours from 09:00 on Monday: 11:00; the statutory three working days (市场主体登记管理条例 Art. 19): Thursday's close.
        Assert.Equal("2026-03-02T11:00:00+08:00", before.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.Equal("2026-03-05T17:30:00+08:00", before.GetProperty("statutory").GetProperty("dueAt").GetString());

        // Testing from 09:00 on Monday to 09:00 on Thursday: three working days.
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "testing", reason = "样品送检" })).StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Licence(c).GetProperty("status").GetString() == "paused",
            "the licence clock to stand still");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 5, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).StatusCode);
        var clocks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Licence(c).GetProperty("status").GetString() == "running",
            "the licence clock to run again");

        var licence = Licence(clocks);
        Assert.Equal("2026-03-05T11:00:00+08:00", licence.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.Equal(21m, licence.GetProperty("promised").GetProperty("pausedHours").GetDecimal());
        // Limits in whole working days count from the day after acceptance (受理当日不计入): Monday cost them nothing
        // anyway, so the statutory limit and the bundle's (nothing else was open) move by the two days after it.
        Assert.Equal("2026-03-09T17:30:00+08:00", licence.GetProperty("statutory").GetProperty("dueAt").GetString());
        Assert.Equal(14m, licence.GetProperty("statutory").GetProperty("pausedHours").GetDecimal());
        var bundle = clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "bundle");
        Assert.Equal("2026-03-05T17:30:00+08:00", bundle.GetProperty("promised").GetProperty("dueAt").GetString());
        // The clerk's task follows.
        await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task"),
            t => t.GetProperty("dueAt").ValueKind == JsonValueKind.String && t.GetProperty("dueAt").GetDateTimeOffset() == new DateTimeOffset(2026, 3, 5, 11, 0, 0, Cst),
            "the clerk's task to show the moved due time");
    }

    /// <summary>行政许可法 Art. 42 and 45: the applicant, not only the department, hears when a step's limit moves and why.</summary>
    [Fact]
    public async Task AnExcludedPeriod_ItsEnd_AndAnApprovedExtension_AreEachToldToTheApplicant_InBothLanguages_AndOnTheTrackingPage()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        await ExcludeEndAndExtendAsync(host, id, new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst));

        var extended = await NoticeAsync(host, id, "extended");
        // Excluded from 09:00 Monday to 09:00 Tuesday: due 11:00 Tuesday; a working day more: 11:00 on Wednesday.
        Assert.Contains("“营业执照”事项的办理时限经批准延长 1 个工作日（经营场所需实地核查），现应于 2026-03-04 11:00 前办结。", extended, StringComparison.Ordinal);
        Assert.Contains("进入专家评审期间（需组织专家论证），该期间依法不计入办理时限", await NoticeAsync(host, id, "clock-excluded"), StringComparison.Ordinal);
        Assert.Contains("不计时期间已结束，办理时限继续计算，现应于 2026-03-03 11:00 前办结。", await NoticeAsync(host, id, "clock-resumed"), StringComparison.Ordinal);
        Assert.Contains("has been extended with approval by 1 working day (经营场所需实地核查): it is now due by 2026-03-04 11:00.", await NoticeAsync(host, id, "extended", "en"), StringComparison.Ordinal);
        Assert.Contains("by law this period does not count towards its time limit", await NoticeAsync(host, id, "clock-excluded", "en"), StringComparison.Ordinal);

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));
        Assert.Contains("办理时限经批准延长 1 个工作日", page, StringComparison.Ordinal);
        Assert.Contains("进入专家评审期间", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// On the last day of 2026 the moved due time falls in 2027, whose holidays are not loaded yet: the notices say the
    /// new due time is provisional (暂定) and why, as the tracking page and the API already do for it.
    /// </summary>
    [Fact]
    public async Task OnNewYearsEve_TheNoticesOfAnExclusionsEnd_AndOfAnExtension_SayTheMovedDueTimeIsProvisional()
    {
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 12, 31, 9, 0, 0, Cst));
        var id = await host.SubmitBusinessOpeningAsync();
        // The review ends late in the afternoon: the licence's two working hours left run into 2027.
        await ExcludeEndAndExtendAsync(host, id, new DateTimeOffset(2026, 12, 31, 16, 30, 0, Cst));

        Assert.Contains("前办结（暂定：尚未收录 2027 年的放假安排，截止时间可能变动）。", await NoticeAsync(host, id, "clock-resumed"), StringComparison.Ordinal);
        Assert.Contains("前办结（暂定：尚未收录 2027 年的放假安排，截止时间可能变动）。", await NoticeAsync(host, id, "extended"), StringComparison.Ordinal);
        Assert.Contains("(provisional: the holiday arrangement for 2027 is not loaded yet, so it may move).", await NoticeAsync(host, id, "extended", "en"), StringComparison.Ordinal);
        Assert.Contains("(provisional: the holiday arrangement for 2027 is not loaded yet, so it may move).", await NoticeAsync(host, id, "clock-resumed", "en"), StringComparison.Ordinal);
    }

    /// <summary>SAMR's clerk pauses the licence for an expert review, ends it at <paramref name="reviewEnds"/>, and its supervisor approves a working day more.</summary>
    private static async Task ExcludeEndAndExtendAsync(AllInOneHost host, Guid id, DateTimeOffset reviewEnds)
    {
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        using var supervisor = host.Client("samr-supervisor");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "expert-review", reason = "需组织专家论证" })).EnsureSuccessStatusCode();
        await NoticeAsync(host, id, "clock-excluded");
        host.Clock.Advance(reviewEnds - host.Clock.GetUtcNow());
        (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).EnsureSuccessStatusCode();
        await NoticeAsync(host, id, "clock-resumed");
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 1, reason = "经营场所需实地核查" });
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { reason = "同意" })).EnsureSuccessStatusCode();
    }

    private static async Task<string> NoticeAsync(AllInOneHost host, Guid id, string kind, string? language = null)
    {
        using var client = host.Client("zhangsan");
        var application = await AllInOneHost.EventuallyAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{id}");
                if (language is not null)
                {
                    request.Headers.Add("Accept-Language", language);
                }

                using var answer = await client.SendAsync(request);
                return await answer.Content.ReadFromJsonAsync<JsonElement>();
            },
            a => a.GetProperty("notifications").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == kind),
            $"the {kind} notice");
        return application.GetProperty("notifications").EnumerateArray().Last(n => n.GetProperty("kind").GetString() == kind).GetProperty("message").GetString()!;
    }

    private static JsonElement Licence(JsonElement clocks) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "business-licence");
}
