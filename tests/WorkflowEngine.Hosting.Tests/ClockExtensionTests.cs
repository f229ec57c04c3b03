using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Extending a joint bundle's limit (行政许可法 Art. 42, 联合办理 45 + 15): a supervisor of a department with a step
/// asks; a supervisor of the approver department the definition names (GSC, the service centre) approves or refuses;
/// an approval moves the bundle's due time, which the applicant reads on <c>/clocks</c> with the reason.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClockExtensionTests
{
    // Monday 19 October 2026, after the completion date on the form; no holiday until the new year.
    internal static readonly DateTimeOffset Monday = new(2026, 10, 19, 9, 0, 0, TimeSpan.FromHours(8));

    internal static async Task<Guid> SubmitAsync(AllInOneHost host)
    {
        using var citizen = host.Client("zhangsan");
        using var response = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await host.TaskOfAsync(id, "NRP", "nrp-clerk");
        return id;
    }

    internal static JsonElement Bundle(JsonElement clocks) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "bundle");

    [Fact]
    public async Task ASupervisorAsks_TheServiceCentreApproves_AndTheApplicantSeesTheBundlesNewDueTime()
    {
        await using var host = await AllInOneHost.StartAsync(Monday);
        var id = await SubmitAsync(host);
        var path = $"/api/applications/{id}/clock-extensions";
        using var nrp = host.Client("nrp-supervisor");
        using var nrpClerk = host.Client("nrp-clerk");
        using var gsc = host.Client("gsc-supervisor");
        using var gscClerk = host.Client("gsc-clerk");
        var before = Bundle(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("promised").GetProperty("dueAt").GetString();
        Assert.Equal("2026-11-09T17:30:00+08:00", before);

        // Past the definition's 15 working days: 422, saying why. A clerk may not ask.
        using var tooMuch = await nrp.PostAsJsonAsync(path, new { workingDays = 16, reason = "五部门联合现场核查" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Contains("最多可延长 15 个工作日", await tooMuch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var byClerk = await nrpClerk.PostAsJsonAsync(path, new { workingDays = 5, reason = "五部门联合现场核查" });
        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        Assert.Contains("只有部门负责人", await byClerk.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var asked = await nrp.PostAsJsonAsync(path, new { workingDays = 5, reason = "五部门联合现场核查" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var request = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("pending", "bundle", "GSC"), (request.GetProperty("status").GetString(), request.GetProperty("clock").GetString(), request.GetProperty("approver").GetString()));
        var extension = request.GetProperty("id").GetString();
        // Once per clock.
        Assert.Equal(HttpStatusCode.Conflict, (await nrp.PostAsJsonAsync(path, new { workingDays = 1, reason = "再延一天" })).StatusCode);

        // The service centre's supervisors see it waiting; the asking department's do not decide it.
        var waiting = Assert.Single((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions")).EnumerateArray());
        Assert.Equal(("5 个工作日", "nrp-supervisor"), (waiting.GetProperty("amount").GetString(), waiting.GetProperty("requestedBy").GetString()));
        // The supervisor deciding reads who asked by name, as the desk names people (the login id beside it for scripts).
        Assert.Equal("自然资源规划科长", waiting.GetProperty("requestedByName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await nrp.GetAsync("/api/departments/GSC/clock-extensions")).StatusCode);
        using var byRequester = await nrp.PostAsJsonAsync($"{path}/{extension}/approve", new { reason = "同意" });
        Assert.Equal(HttpStatusCode.Forbidden, byRequester.StatusCode);
        Assert.Equal("application/problem+json", byRequester.Content.Headers.ContentType?.MediaType);
        Assert.Contains("只有批准部门（GSC）的负责人", await byRequester.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var byGscClerk = await gscClerk.PostAsJsonAsync($"{path}/{extension}/approve", new { reason = "同意" });
        Assert.Equal(HttpStatusCode.Forbidden, byGscClerk.StatusCode);
        Assert.Contains("只有部门负责人", await byGscClerk.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var approved = await gsc.PostAsJsonAsync($"{path}/{extension}/approve", new { reason = "同意延长" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("approved", "gsc-supervisor", "政务服务中心主任", "自然资源规划科长"), (
            decided.GetProperty("status").GetString(), decided.GetProperty("decidedBy").GetString(),
            decided.GetProperty("decidedByName").GetString(), decided.GetProperty("requestedByName").GetString()));
        var listed = Assert.Single((await host.GetJsonAsync("nrp-supervisor", path)).EnumerateArray());
        Assert.Equal(("自然资源规划科长", "政务服务中心主任"), (listed.GetProperty("requestedByName").GetString(), listed.GetProperty("decidedByName").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await gsc.PostAsJsonAsync($"{path}/{extension}/approve", new { })).StatusCode);
        Assert.Empty((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions")).EnumerateArray());

        // Five working days on: Monday 16 November; the explanation shows the 35 office hours granted and why.
        var bundle = Bundle(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"));
        var promised = bundle.GetProperty("promised");
        Assert.Equal("2026-11-16T17:30:00+08:00", promised.GetProperty("dueAt").GetString());
        Assert.Equal(35m, promised.GetProperty("extendedHours").GetDecimal());
        var extend = Assert.Single(bundle.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "extend");
        Assert.Equal((JsonValueKind.Null, "五部门联合现场核查"), (extend.GetProperty("actor").ValueKind, extend.GetProperty("text").GetString()));
        Assert.Contains(Bundle(await host.GetJsonAsync("admin", $"/api/applications/{id}/clocks")).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "extend" && e.GetProperty("actor").GetString() == "gsc-supervisor");
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "extended" && n.GetProperty("message").GetString()!.Contains("2026-11-16 17:30", StringComparison.Ordinal));
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        Assert.Contains(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "ClockExtended" && e.GetProperty("actor").GetString() == "gsc-supervisor");
    }

    [Fact]
    public async Task ARequestsClockTitle_IsInEnglish_ForACallerWhoReadsEnglish()
    {
        await using var host = await AllInOneHost.StartAsync(Monday);
        var id = await SubmitAsync(host);
        using var nrp = host.Client("nrp-supervisor");
        using var ask = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/clock-extensions")
        {
            Content = JsonContent.Create(new { workingDays = 5, reason = "五部门联合现场核查" }),
        };
        ask.Headers.Add("Accept-Language", "en-GB,zh;q=0.5");
        using var asked = await nrp.SendAsync(ask);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Equal("Joint completion acceptance and real-estate registration", (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clockTitle").GetString());

        using var gsc = host.Client("gsc-supervisor");
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/departments/GSC/clock-extensions");
        list.Headers.Add("Accept-Language", "en");
        using var english = await gsc.SendAsync(list);
        var waiting = Assert.Single((await english.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("Joint completion acceptance and real-estate registration", waiting.GetProperty("clockTitle").GetString());
        // Without English first, the Chinese title as before.
        var chinese = Assert.Single((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions")).EnumerateArray());
        Assert.Equal("竣工联合验收与不动产首次登记", chinese.GetProperty("clockTitle").GetString());
    }

    [Fact]
    public async Task ARefusal_IsKeptWithItsReason_AndTheDueTimeStays()
    {
        await using var host = await AllInOneHost.StartAsync(Monday);
        var id = await SubmitAsync(host);
        var path = $"/api/applications/{id}/clock-extensions";
        using var nrp = host.Client("nrp-supervisor");
        using var gsc = host.Client("gsc-supervisor");

        // The shipped stage allows none; the bundle does.
        using var stage = await nrp.PostAsJsonAsync(path, new { stage = "joint-acceptance", workingDays = 2, reason = "现场核查" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stage.StatusCode);
        Assert.Contains("不可延长", await stage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var asked = await nrp.PostAsJsonAsync(path, new { workingDays = 3, reason = "现场核查" });
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, (await gsc.PostAsJsonAsync($"{path}/{extension}/refuse", new { })).StatusCode);
        using var refused = await gsc.PostAsJsonAsync($"{path}/{extension}/refuse", new { reason = "核查可在承诺时限内完成" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var shown = Assert.Single((await host.GetJsonAsync("nrp-supervisor", path)).EnumerateArray());
        Assert.Equal(("refused", "gsc-supervisor", "核查可在承诺时限内完成"),
            (shown.GetProperty("status").GetString(), shown.GetProperty("decidedBy").GetString(), shown.GetProperty("decision").GetString()));
        var bundle = Bundle(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"));
        Assert.Equal("2026-11-09T17:30:00+08:00", bundle.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.DoesNotContain(bundle.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "extend");
    }
}
