using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Cards against the statutory limit (法定时限) beside the promised one (承诺时限), as the applicant, the supervisor and
/// the administrator see them: the business licence is promised in 2 working hours and bound by law to 3 working days
/// (市场主体登记管理条例 第十九条), on the cn-mainland calendar (office hours 09:00–12:00 and 13:30–17:30).
/// </summary>
[Trait("Category", "Integration")]
public sealed class StatutoryWarningTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private const string Password = "Demo#2026";

    [Fact]
    public async Task ALicencePastItsPromisedLimit_ButWithinItsStatutoryOne_IsRedAgainstThePromisedLimitOnly()
    {
        // Monday 2 March 2026, 09:00: promised due at 11:00; the 3 working days count from the close of Monday, so the
        // statutory limit falls due at the close of Thursday 5 March, 17:30.
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);
        MoveTo(host, new DateTimeOffset(2026, 3, 2, 11, 15, 0, Cst));

        var licence = Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), "business-licence");
        Assert.Equal("red", licence.GetProperty("warning").GetString());
        Assert.Equal("promised", licence.GetProperty("warningLimit").GetString());
        Assert.Equal("red", licence.GetProperty("promisedWarning").GetProperty("warning").GetString());
        Assert.Equal("2026-03-02T11:00:00+08:00", licence.GetProperty("promisedWarning").GetProperty("dueAt").GetString());
        Assert.Equal("none", licence.GetProperty("statutoryWarning").GetProperty("warning").GetString());
        Assert.Equal("2026-03-05T17:30:00+08:00", licence.GetProperty("statutoryWarning").GetProperty("dueAt").GetString());
        // The seal has no statutory limit of its own in the definition.
        Assert.Equal(JsonValueKind.Null, Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), "seal-engraving")
            .GetProperty("statutoryWarning").ValueKind);

        // The applicant's page says which limit the red card is against, and shows the statutory due time beside it.
        using var applicant = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", Password);
        var page = await PageAsync(applicant, $"/applications/{id}");
        var step = page[page.IndexOf("id=\"step-business-licence\"", StringComparison.Ordinal)..];
        step = step[..step.IndexOf("</li>", StringComparison.Ordinal)];
        Assert.Contains("红牌：已超过时限", step, StringComparison.Ordinal);
        Assert.Contains("（承诺时限）", step, StringComparison.Ordinal);
        Assert.Contains("法定期限", step, StringComparison.Ordinal);
        Assert.Contains("2026-03-05 17:30", step, StringComparison.Ordinal);

        var card = Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/warnings")).EnumerateArray());
        Assert.Equal(("red", "promised"), (card.GetProperty("warning").GetString(), card.GetProperty("limit").GetString()));
        var only = Assert.Single(card.GetProperty("cards").EnumerateArray());
        Assert.Equal(("promised", "2026-03-02T11:00:00+08:00"), (only.GetProperty("limit").GetString(), only.GetProperty("dueAt").GetString()));
    }

    [Fact]
    public async Task ALicencePastBothLimits_IsRedAgainstTheStatutoryLimit_AndListedBeforeOnePastItsPromisedLimitOnly()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var late = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(late);
        // Thursday 5 March, 09:00: a second licence, promised by 11:00 that day, statutory by the close of Tuesday 10 March
        // (Friday 6, Monday 9, Tuesday 10; the weekend does not count).
        MoveTo(host, new DateTimeOffset(2026, 3, 5, 9, 0, 0, Cst));
        var recent = await host.SubmitBusinessOpeningAsync("lisi");
        await host.TaskOfAsync(recent);

        // Friday 6 March, 09:30: the first is past both (statutory due Thursday 17:30), the second past its promise only.
        MoveTo(host, new DateTimeOffset(2026, 3, 6, 9, 30, 0, Cst));

        var licence = Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{late}"), "business-licence");
        Assert.Equal(("red", "statutory"), (licence.GetProperty("warning").GetString(), licence.GetProperty("warningLimit").GetString()));
        Assert.Equal("red", licence.GetProperty("promisedWarning").GetProperty("warning").GetString());
        Assert.Equal("red", licence.GetProperty("statutoryWarning").GetProperty("warning").GetString());
        Assert.Equal(-0.5m, licence.GetProperty("statutoryWarning").GetProperty("leftHours").GetDecimal());

        var cards = (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/warnings")).EnumerateArray().ToArray();
        Assert.Equal([(late, "statutory"), (recent, "promised")], cards.Select(c => (c.GetProperty("applicationId").GetGuid(), c.GetProperty("limit").GetString())));
        Assert.Equal(
            [("statutory", "red", "2026-03-05T17:30:00+08:00"), ("promised", "red", "2026-03-02T11:00:00+08:00")],
            cards[0].GetProperty("cards").EnumerateArray().Select(c => (c.GetProperty("limit").GetString(), c.GetProperty("warning").GetString(), c.GetProperty("dueAt").GetString())));
        Assert.Equal("2026-03-10T17:30:00+08:00", Step(await host.GetJsonAsync("lisi", $"/api/applications/{recent}"), "business-licence")
            .GetProperty("statutoryWarning").GetProperty("dueAt").GetString());

        // The supervisor's page lists the same, the statutory card first, in the page's language.
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", Password);
        var page = await PageAsync(supervisor, "/desk/supervise?department=SAMR");
        var red = page[page.IndexOf("id=\"red-heading\"", StringComparison.Ordinal)..page.IndexOf("id=\"yellow-heading\"", StringComparison.Ordinal)];
        Assert.Contains("法定时限红牌：已于 2026-03-05 17:30 到期", red, StringComparison.Ordinal);
        Assert.True(red.IndexOf("法定时限红牌", StringComparison.Ordinal) < red.IndexOf("承诺时限红牌：已于 2026-03-05 11:00", StringComparison.Ordinal),
            "the step past its statutory limit comes before the one past its promise only");
        var token = await PageSignInTests.AntiforgeryTokenAsync(supervisor, "/desk/supervise?department=SAMR");
        using var switched = await supervisor.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/desk/supervise"), new("__RequestVerificationToken", token)]));
        Assert.Contains("Statutory limit red: was due 2026-03-05 17:30", await PageAsync(supervisor, "/desk/supervise?department=SAMR"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnADepartmentHostWithoutTheEngine_TheSupervisorsPage_StillShowsItsLists()
    {
        // No engine in this process: the page lists the cards its tasks were sent, as before the statutory limit was read.
        await using var host = await AllInOneHost.StartDepartmentHostAsync("--Departments:Codes=SAMR,PSB");
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", Password);

        using var page = await supervisor.GetAsync("/desk/supervise?department=SAMR");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("已超期（0）", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreview_ShowsThePromisedAndStatutoryDueDates_AcrossNationalDay_AndMarksAYearNotLoaded()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);

        // Wednesday 30 September 2026, 10:00, the eve of National Day (1–7 October off, Saturday 10 October a make-up workday):
        // - the licence's promised 2 working hours: 10:00–12:00 the same morning;
        // - its statutory 3 working days do not count the starting day: Thursday 8, Friday 9, Saturday 10 October (made
        //   up) → the close of 10 October, 17:30; the bundle's statutory 3 working days likewise;
        // - the bundle's promised 1 working day: Thursday 8 October → 17:30;
        // - the seal starts when the licence falls due (12:00) and has no statutory limit.
        var preview = await host.GetJsonAsync("admin", "/api/definitions/business-opening/versions/1/due-preview?start=2026-09-30&at=10:00");
        Assert.Equal("cn-mainland", preview.GetProperty("calendar").GetString());
        var bundle = preview.GetProperty("bundle");
        Assert.Equal("2026-10-08T17:30:00+08:00", bundle.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.Equal("2026-10-10T17:30:00+08:00", bundle.GetProperty("statutory").GetProperty("dueAt").GetString());
        var licence = Part(preview, "business-licence");
        Assert.Equal("2026-09-30T12:00:00+08:00", licence.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.Equal("2026-10-10T17:30:00+08:00", licence.GetProperty("statutory").GetProperty("dueAt").GetString());
        Assert.False(licence.GetProperty("statutory").GetProperty("provisional").GetBoolean());
        var seal = Part(preview, "seal-engraving");
        Assert.Equal("2026-09-30T12:00:00+08:00", seal.GetProperty("start").GetString());
        Assert.Equal(JsonValueKind.Null, seal.GetProperty("statutory").ValueKind);

        // Wednesday 30 December 2026, 09:00, with no arrangement for 2027 loaded: the licence's 2 hours end at 11:00 and
        // are final; its 3 working days run Thursday 31 December, Friday 1 January 2027 (counted, as only weekends are
        // known for 2027) and Monday 4 January → 17:30, marked 暂定 naming 2027.
        var december = await host.GetJsonAsync("admin", "/api/definitions/business-opening/versions/1/due-preview?start=2026-12-30&at=09:00");
        var provisional = Part(december, "business-licence");
        Assert.Equal("2026-12-30T11:00:00+08:00", provisional.GetProperty("promised").GetProperty("dueAt").GetString());
        Assert.False(provisional.GetProperty("promised").GetProperty("provisional").GetBoolean());
        var statutory = provisional.GetProperty("statutory");
        Assert.Equal("2027-01-04T17:30:00+08:00", statutory.GetProperty("dueAt").GetString());
        Assert.True(statutory.GetProperty("provisional").GetBoolean());
        Assert.Equal([2027], statutory.GetProperty("provisionalYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.True(december.GetProperty("bundle").GetProperty("statutory").GetProperty("provisional").GetBoolean());

        // The definition's page shows the same table, the statutory column marked 暂定 and a step without one saying so.
        using var admin = await PageSignInTests.SignedInBrowserAsync(host, "admin", Password);
        var page = await PageAsync(admin, "/admin/definitions/business-opening/versions/1?start=2026-12-30&at=09:00");
        var row = page[page.IndexOf("data-step=\"business-licence\"", page.IndexOf("id=\"due-preview\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("2027-01-04 17:30", row, StringComparison.Ordinal);
        Assert.Contains("暂定", row, StringComparison.Ordinal);
        Assert.Contains("未设法定时限", page, StringComparison.Ordinal);

        // The table beside the diagram (which a screen reader reads as one image) says in words when a step runs.
        var bank = page[page.IndexOf("data-step=\"bank-account\"", page.IndexOf("id=\"due-preview\"", StringComparison.Ordinal), StringComparison.Ordinal)..];
        bank = bank[..bank.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("仅当", bank, StringComparison.Ordinal);
        Assert.DoesNotContain("openBankAccount", bank, StringComparison.Ordinal);
        Assert.Contains("总是办理", row, StringComparison.Ordinal);

        using var api = host.Client("admin");
        using var bad = await api.GetAsync("/api/definitions/business-opening/versions/1/due-preview?start=30/12/2026");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static void MoveTo(AllInOneHost host, DateTimeOffset at) => host.Clock.Advance(at - host.Clock.GetUtcNow());

    private static async Task<string> PageAsync(HttpClient browser, string path) => WebUtility.HtmlDecode(await browser.GetStringAsync(path));

    private static JsonElement Step(JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);

    private static JsonElement Part(JsonElement preview, string id) =>
        preview.GetProperty("parts").EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
}
