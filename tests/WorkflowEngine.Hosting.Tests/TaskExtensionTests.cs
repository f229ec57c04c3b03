using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A clerk asks for more time on a task; a supervisor of the department (never the one who asked) approves or refuses;
/// an approval moves the step's due time by exactly its working time, and the law's cap refuses more up front.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TaskExtensionTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ApprovedExtension_MovesTheLicenceDueTimeByOneWorkingDay_AndIsAuditedWithTheApprover()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await SamrTaskAsync(host);
        using var clerk = host.Client("samr-clerk");
        using var colleague = host.Client("samr-clerk-2");
        using var supervisor = host.Client("samr-supervisor");
        var oneDay = new { workingDays = 1, reason = "经营场所需实地核查" };

        // Only the clerk holding the task asks.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", oneDay)).StatusCode);
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await colleague.PostAsJsonAsync($"/api/tasks/{task}/extensions", oneDay)).StatusCode);
        using var neither = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { reason = "来不及" });
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);

        // Past what the law allows (10 working days unless the definition says otherwise): 422, saying why.
        using var tooMuch = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 11, reason = "材料复杂" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal("application/problem+json", tooMuch.Content.Headers.ContentType?.MediaType);
        Assert.Contains("最多可延长 10 个工作日", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", oneDay);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        // One waiting at a time.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", oneDay)).StatusCode);

        // The supervisor sees it waiting; a clerk does not see the list and may not decide.
        var pending = await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/extensions?status=pending");
        var listed = Assert.Single(pending.EnumerateArray());
        Assert.Equal("1 个工作日", listed.GetProperty("amount").GetString());
        Assert.Equal("samr-clerk", listed.GetProperty("requestedBy").GetString());
        Assert.Equal("市场监管窗口", listed.GetProperty("requestedByName").GetString());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("decidedByName").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/departments/SAMR/extensions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { })).StatusCode);
        using var otherDepartment = host.Client("psb-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherDepartment.GetAsync("/api/departments/SAMR/extensions")).StatusCode);

        using var approved = await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { reason = "同意" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("approved", decided.GetProperty("status").GetString());
        Assert.Equal(("市场监管窗口", "市场监管科长"), (decided.GetProperty("requestedByName").GetString(), decided.GetProperty("decidedByName").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { })).StatusCode);

        // Two office hours from 09:00 on Monday were due at 11:00; the extension moves them a working day on.
        var clocks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
            c => Licence(c).GetProperty("promised").GetProperty("extendedHours").GetDecimal() == 7m,
            "the licence clock extended");
        var promised = Licence(clocks).GetProperty("promised");
        Assert.Equal("2026-03-03T11:00:00+08:00", promised.GetProperty("dueAt").GetString());
        var extend = Assert.Single(Licence(clocks).GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "extend");
        // The applicant reads why, not which supervisor's login approved it; an administrator reads who.
        Assert.Equal(JsonValueKind.Null, extend.GetProperty("actor").ValueKind);
        Assert.Equal("经营场所需实地核查", extend.GetProperty("text").GetString());
        Assert.Contains(Licence(await host.GetJsonAsync("admin", $"/api/applications/{id}/clocks")).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "extend" && e.GetProperty("actor").GetString() == "samr-supervisor");
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst),
            application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "business-licence").GetProperty("dueAt").GetDateTimeOffset());
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "StepExtended" && e.GetProperty("actor").GetString() == "samr-supervisor");

        // Nine more days fit the ten; a tenth and a half would not.
        using var past = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 9.5m, reason = "仍需核查" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Contains("已批准延长 1 个工作日", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedExtension_IsShownOnTheTask_AndNobodyApprovesTheirOwn()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.SubmitBusinessOpeningAsync();
        var task = await SamrTaskAsync(host);
        using var clerk = host.Client("samr-clerk");
        using var supervisor = host.Client("samr-supervisor");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingHours = 4, reason = "等待补充核验" });
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // A refusal needs its reason.
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/refuse", new { })).StatusCode);
        (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/refuse", new { reason = "核验可在时限内完成" })).EnsureSuccessStatusCode();

        var detail = await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}");
        var shown = Assert.Single(detail.GetProperty("extensions").EnumerateArray());
        Assert.Equal("refused", shown.GetProperty("status").GetString());
        Assert.Equal("核验可在时限内完成", shown.GetProperty("decision").GetString());
        Assert.Equal("samr-supervisor", shown.GetProperty("decidedBy").GetString());
        Assert.Equal("市场监管科长", shown.GetProperty("decidedByName").GetString());
        Assert.Equal("市场监管窗口", shown.GetProperty("requestedByName").GetString());
        Assert.Empty((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/extensions")).EnumerateArray());

        // The supervisor takes the task over and asks: the request waits for another supervisor.
        (await supervisor.PostAsync($"/api/tasks/{task}/release", null)).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var own = await supervisor.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingHours = 2, reason = "需要复核" });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var ownId = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsJsonAsync($"/api/extensions/{ownId}/approve", new { })).StatusCode);
    }

    /// <summary>行政许可法 Art. 42: an extension is decided within the limit, so a step already late is never made on time.</summary>
    [Fact]
    public async Task Extension_OnceTheStepsDueTimeHasPassed_IsRefusedToAskAndToApprove_OnTheApiAndTheDesk()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await SamrTaskAsync(host);
        using var clerk = host.Client("samr-clerk");
        using var supervisor = host.Client("samr-supervisor");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 1, reason = "经营场所需实地核查" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Due at 11:00 on Monday; it is now 12:00.
        host.Clock.Advance(TimeSpan.FromHours(3));

        using var approve = await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { reason = "同意" });
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Contains("办理时限已于 2026-03-02 11:00 届满，届满后不能再延长办理时限", await approve.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/refuse", new { reason = "已超期" })).EnsureSuccessStatusCode();
        using var again = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 1, reason = "仍需核查" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("届满后不能再延长办理时限", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "samr-clerk", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, $"/desk/tasks/{task}");
        FormUrlEncodedContent Form() => new([new("workingDays", "1"), new("extensionReason", "仍需核查"), new("__RequestVerificationToken", token)]);
        using var chinese = await browser.PostAsync($"/desk/tasks/{task}?handler=Extension", Form());
        Assert.Equal(HttpStatusCode.Conflict, chinese.StatusCode);
        Assert.Contains("届满后不能再延长办理时限", WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        (await browser.PostAsync("/language", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/desk"), new("__RequestVerificationToken", token)]))).Dispose();
        using var english = await browser.PostAsync($"/desk/tasks/{task}?handler=Extension", Form());
        Assert.Contains("it cannot be extended after it has run out", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
        Assert.Equal("2026-03-02T11:00:00+08:00", Licence(clocks).GetProperty("promised").GetProperty("dueAt").GetString());
    }

    private static async Task<string?> SamrTaskAsync(AllInOneHost host) =>
        (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();

    private static JsonElement Licence(JsonElement clocks) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "business-licence");
}
