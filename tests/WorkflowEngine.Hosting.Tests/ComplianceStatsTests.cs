using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// <c>GET /api/stats/compliance</c>, answered from the rollup the engine writes as steps and bundles finish, over the
/// all-in-one host: a licence step that waited a day on the applicant's articles, decided within its two working hours.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ComplianceStatsTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private const string March = "from=2026-03&to=2026-03";

    /// <summary>
    /// Monday 2 March 2026: the licence step is dispatched at 09:00 and the articles asked for at 09:30; the applicant
    /// supplies them Tuesday 10:00 and the clerk approves at 10:30. The clock ran 09:00–09:30 and 10:00–10:30: one working
    /// hour of its two. It stood still Monday 09:30–17:30 and Tuesday 09:00–10:00: 390 + 60 office minutes, the applicant's.
    /// The seal (PSB, 2 hours) and bank account (BANK, 3 hours) steps are then dispatched at 10:30.
    /// </summary>
    private static async Task<(AllInOneHost Host, Guid Application)> LicenceAfterASupplementAsync()
    {
        var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await SupplementTests.AskForArticlesAsync(host);
        await AllInOneHost.EventuallyAsync(() => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the task to stand still");

        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        using (var citizen = host.Client("zhangsan"))
        {
            (await SupplementTests.UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the task to run again on the supplied articles");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 10, 30, 0, Cst) - host.Clock.GetUtcNow());
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => SupplementTests.Licence(a).GetProperty("status").GetString() == "approved"
                && a.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("department").GetString() == "BANK" && s.GetProperty("status").GetString() != "pending"),
            "the licence decision at the engine and the next steps out");
        return (host, id);
    }

    [Fact]
    public async Task AStepPausedForASupplement_CountsThePauseAsTheApplicants_AndIsOnTimeByItsClock()
    {
        var (host, id) = await LicenceAfterASupplementAsync();
        await using var _ = host;

        var report = await host.GetJsonAsync("admin", $"/api/stats/compliance?{March}&groupBy=department");

        Assert.Equal(["department"], report.GetProperty("groupBy").EnumerateArray().Select(g => g.GetString()));
        var samr = report.GetProperty("steps").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "SAMR");
        Assert.True(SupplementTests.Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("onTime").GetBoolean());
        Assert.Equal((1, 1, 1, 1, 1.0), (samr.GetProperty("finished").GetInt32(), samr.GetProperty("approved").GetInt32(), samr.GetProperty("promisedCounted").GetInt32(),
            samr.GetProperty("onTime").GetInt32(), samr.GetProperty("onTimeRate").GetDouble()));
        // The licence's statutory limit (3 working days, 市场主体登记管理条例 Art. 19) on the same paused clock: within it.
        Assert.Equal((1, 1, 1.0), (samr.GetProperty("statutoryCounted").GetInt32(), samr.GetProperty("withinStatutory").GetInt32(),
            samr.GetProperty("statutoryOnTimeRate").GetDouble()));
        // A step whose definition gives no statutory limit (the seal, PSB): not applicable, not 0 %.
        var psb = report.GetProperty("steps").EnumerateArray().Where(r => r.GetProperty("department").GetString() == "PSB").ToArray();
        Assert.All(psb, r => Assert.Equal((0, JsonValueKind.Null), (r.GetProperty("statutoryCounted").GetInt32(), r.GetProperty("statutoryOnTimeRate").ValueKind)));
        Assert.Equal((1.0, 7.5, 0.0), (samr.GetProperty("governmentWorkingHours").GetDouble(), samr.GetProperty("applicantWorkingHours").GetDouble(),
            samr.GetProperty("excludedWorkingHours").GetDouble()));
        Assert.Equal((1, 1.0, 1.0), (samr.GetProperty("timed").GetInt32(), samr.GetProperty("medianWorkingHours").GetDouble(), samr.GetProperty("p90WorkingHours").GetDouble()));
        Assert.Equal((false, false), (samr.GetProperty("medianAtLeast").GetBoolean(), samr.GetProperty("p90AtLeast").GetBoolean()));
        Assert.Empty(report.GetProperty("bundles").EnumerateArray());
        Assert.Empty((await host.GetJsonAsync("admin", "/api/stats/compliance?from=2026-04&to=2026-04")).GetProperty("steps").EnumerateArray());
    }

    /// <summary>
    /// Two licences handled like joint approvals with their extensions: the first decided 700 working hours after it
    /// reached SAMR, the second (submitted then) 900 working hours after. The median and p90 read 700 and 900 — not a
    /// floor at 480 — in the JSON, the CSV and the page.
    /// </summary>
    [Fact]
    public async Task HandlingTimesOf700And900Hours_GiveTheirMedianAndP90_InTheJsonCsvAndPage()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        foreach (var hours in new[] { 700, 900 })
        {
            await host.SubmitBusinessOpeningAsync();
            await host.DecideOnlyTaskAsync("SAMR", "samr-clerk", Catalog.Calendar.AddWorkingHours(host.Clock.GetUtcNow(), TimeSpan.FromHours(hours)));
            await AllInOneHost.EventuallyAsync(
                () => host.GetJsonAsync("admin", "/api/stats/compliance?from=2026-03&to=2027-03"),
                r => r.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("department").GetString() == "SAMR").Sum(s => s.GetProperty("timed").GetInt32()) == (hours == 700 ? 1 : 2),
                $"the licence decided after {hours} hours in the figures");
        }

        const string Span = "from=2026-03&to=2027-03&groupBy=department";
        var report = await host.GetJsonAsync("admin", $"/api/stats/compliance?{Span}");

        var samr = report.GetProperty("steps").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "SAMR");
        Assert.Equal(1600.0, samr.GetProperty("governmentWorkingHours").GetDouble());
        Assert.Equal((700.0, false, 900.0, false), (samr.GetProperty("medianWorkingHours").GetDouble(), samr.GetProperty("medianAtLeast").GetBoolean(),
            samr.GetProperty("p90WorkingHours").GetDouble(), samr.GetProperty("p90AtLeast").GetBoolean()));
        using var admin = host.Client("admin");
        Assert.Contains(await CsvLinesAsync(admin, $"/api/stats/compliance?{Span}&format=csv"),
            l => l.StartsWith("SAMR,", StringComparison.Ordinal) && l.Contains(",700,900,1600,", StringComparison.Ordinal));
        Assert.Contains("<td>700</td><td>900</td><td>1600</td>", await PageAsync(admin, $"/admin/statistics?{Span}"), StringComparison.Ordinal);
    }

    /// <summary>
    /// The licence dispatched Monday 2 March 2026 at 09:00 and approved only on Monday 1 March 2027: well over 1,440
    /// working hours, past the last bucket. The median and p90 read 1440 and say it is a floor, in the JSON, the CSV and
    /// the page.
    /// </summary>
    [Fact]
    public async Task AHandlingTimePastTheLastBucket_IsGivenAsAtLeast1440_InTheJsonCsvAndPage()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.SubmitBusinessOpeningAsync();
        await host.DecideOnlyTaskAsync("SAMR", "samr-clerk", new DateTimeOffset(2027, 3, 1, 10, 0, 0, Cst));
        const string March2027 = "from=2027-03&to=2027-03&groupBy=department";

        var report = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/stats/compliance?{March2027}"),
            r => r.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("department").GetString() == "SAMR"), "the licence in March 2027's figures");

        var samr = report.GetProperty("steps").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "SAMR");
        Assert.True(samr.GetProperty("governmentWorkingHours").GetDouble() > 1440);
        Assert.Equal((1440.0, true, 1440.0, true), (samr.GetProperty("medianWorkingHours").GetDouble(), samr.GetProperty("medianAtLeast").GetBoolean(),
            samr.GetProperty("p90WorkingHours").GetDouble(), samr.GetProperty("p90AtLeast").GetBoolean()));
        using var admin = host.Client("admin");
        Assert.Contains(await CsvLinesAsync(admin, $"/api/stats/compliance?{March2027}&format=csv"),
            l => l.StartsWith("SAMR,", StringComparison.Ordinal) && l.Contains(",≥1440,≥1440,", StringComparison.Ordinal));
        Assert.Contains("<td>≥1440</td><td>≥1440</td>", await PageAsync(admin, $"/admin/statistics?{March2027}"), StringComparison.Ordinal);
    }

    /// <summary>The CSV's lines, after its byte-order mark.</summary>
    private static async Task<string[]> CsvLinesAsync(HttpClient client, string url)
    {
        using var csv = await client.GetAsync(url);
        return Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The page's HTML without the white space between its tags.</summary>
    /// <summary>
    /// The licence under an expert review from its arrival at 09:00 on Monday 2 March to 09:00 on Tuesday (the Monday's
    /// 7 office hours not counted), then approved at 09:30: the administrator's statistics page shows the 7 hours not
    /// counted beside the half hour the government took, as the API and the CSV give them, in Chinese and in English.
    /// </summary>
    [Fact]
    public async Task HoursNotCounted_ForAnExpertReview_AreOnTheStatisticsPage_InBothLanguages()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "expert-review", reason = "企业名称需组织专家论证" })).EnsureSuccessStatusCode();
            await AllInOneHost.EventuallyAsync(() => SupplementTests.TaskAsync(host, task!), t => t.GetProperty("clock").GetString() == "paused", "the task to stand still");
            host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
            (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).EnsureSuccessStatusCode();
            await AllInOneHost.EventuallyAsync(() => SupplementTests.TaskAsync(host, task!), t => t.GetProperty("clock").GetString() == "running", "the task to run again");
            host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 9, 30, 0, Cst) - host.Clock.GetUtcNow());
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        const string Span = "from=2026-03&to=2026-03&groupBy=department";
        var report = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/stats/compliance?{Span}"),
            r => r.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("department").GetString() == "SAMR"), "the licence in March's figures");
        var samr = report.GetProperty("steps").EnumerateArray().Single(r => r.GetProperty("department").GetString() == "SAMR");
        Assert.Equal((0.5, 0.0, 7.0), (samr.GetProperty("governmentWorkingHours").GetDouble(), samr.GetProperty("applicantWorkingHours").GetDouble(),
            samr.GetProperty("excludedWorkingHours").GetDouble()));

        using var admin = host.Client("admin");
        var chinese = await PageAsync(admin, $"/admin/statistics?{Span}");
        Assert.Contains("<th scope=\"col\">等待申请人（工作小时）</th><th scope=\"col\">不计时（检验检测、专家评审等，工作小时）</th>", chinese, StringComparison.Ordinal);
        Assert.Contains("<td>0.5</td><td>0</td><td>7</td></tr>", chinese, StringComparison.Ordinal);
        using var english = host.Client("admin");
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var page = await PageAsync(english, $"/admin/statistics?{Span}");
        Assert.Contains("<th scope=\"col\">Not counted: testing, inspection, expert review (working hours)</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td>0.5</td><td>0</td><td>7</td></tr>", page, StringComparison.Ordinal);
    }

    private static async Task<string> PageAsync(HttpClient client, string url) => Regex.Replace(await client.GetStringAsync(url), @">\s+<", "><");

    [Fact]
    public async Task OpenSteps_AreCountedAtRiskPastTheirYellowShare_AndOverduePastTheirDueTime()
    {
        var (host, _) = await LicenceAfterASupplementAsync();
        await using var _ = host;

        // Tuesday 14:20: the seal step (2 hours from 10:30) was due at 14:00; the bank account (3 hours) turned yellow at
        // 14:15 (75 %) and is due at 15:00.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 14, 20, 0, Cst) - host.Clock.GetUtcNow());
        var open = (await host.GetJsonAsync("admin", $"/api/stats/compliance?{March}")).GetProperty("open").EnumerateArray()
            .ToDictionary(o => o.GetProperty("department").GetString()!, o => (o.GetProperty("open").GetInt32(), o.GetProperty("overdue").GetInt32(), o.GetProperty("atRisk").GetInt32()));

        Assert.Equal((1, 1, 0), open["PSB"]);
        Assert.Equal((1, 0, 1), open["BANK"]);
        Assert.False(open.ContainsKey("SAMR"));
    }

    /// <summary>
    /// The licence (SAMR; 2 working hours promised, 3 working days statutory) dispatched Monday 2 March at 09:00 and not
    /// decided: red against its promise from 11:00; against the law yellow from Thursday 5 March 10:45, red from 17:30.
    /// </summary>
    [Fact]
    public async Task OpenSteps_FollowTheGroupBy_AndAreCountedAgainstThePromisedAndTheStatutoryLimit()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/stats/compliance?groupBy=department"), r => r.GetProperty("open").GetArrayLength() > 0, "the licence step to be open");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 5, 12, 0, 0, Cst) - host.Clock.GetUtcNow());

        var byService = Assert.Single((await host.GetJsonAsync("admin", "/api/stats/compliance?groupBy=service")).GetProperty("open").EnumerateArray());
        var byDepartmentAndMonth = Assert.Single((await host.GetJsonAsync("admin", "/api/stats/compliance?groupBy=department,month")).GetProperty("open").EnumerateArray());

        Assert.Equal(("business-opening", JsonValueKind.Null, JsonValueKind.Null), (byService.GetProperty("serviceId").GetString(),
            byService.GetProperty("department").ValueKind, byService.GetProperty("month").ValueKind));
        var title = byService.GetProperty("serviceTitle").GetString();
        Assert.False(string.IsNullOrEmpty(title));
        Assert.Equal((1, 1, 0, 0, 1), Cards(byService));
        Assert.Equal(("SAMR", "2026-03", JsonValueKind.Null), (byDepartmentAndMonth.GetProperty("department").GetString(),
            byDepartmentAndMonth.GetProperty("month").GetString(), byDepartmentAndMonth.GetProperty("serviceId").ValueKind));
        Assert.Equal((1, 1, 0, 0, 1), Cards(byDepartmentAndMonth));

        using var admin = host.Client("admin");
        var page = Regex.Replace(await admin.GetStringAsync("/admin/statistics?groupBy=service"), @">\s+<", "><");
        Assert.Contains("<th scope=\"col\">超法定时限（红牌）</th><th scope=\"col\">临近法定时限（黄牌）</th>", page, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{title}</th><td>1</td><td>1</td><td>0</td><td>0</td><td>1</td>", page, StringComparison.Ordinal);
        Assert.Contains("groupBy=service&amp;format=csv&amp;table=open", page, StringComparison.Ordinal);

        host.Clock.Advance(new DateTimeOffset(2026, 3, 5, 17, 30, 0, Cst) - host.Clock.GetUtcNow());
        using var csv = await admin.GetAsync("/api/stats/compliance?groupBy=service&format=csv&table=open");
        var lines = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($",,1,1,0,1,0,business-opening,{title},", Assert.Single(lines[1..]));
    }

    private static (int Open, int Overdue, int AtRisk, int StatutoryOverdue, int StatutoryAtRisk) Cards(JsonElement row) => (
        row.GetProperty("open").GetInt32(), row.GetProperty("overdue").GetInt32(), row.GetProperty("atRisk").GetInt32(),
        row.GetProperty("statutoryOverdue").GetInt32(), row.GetProperty("statutoryAtRisk").GetInt32());

    [Fact]
    public async Task AcceptTextCsv_GivesTheCsv_WithAByteOrderMarkAndChineseHeadings()
    {
        var (host, _) = await LicenceAfterASupplementAsync();
        await using var _ = host;
        using var admin = host.Client("admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/stats/compliance?{March}&groupBy=department");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("compliance-steps-2026-03-2026-03.csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("部门,部门名称,事项,事项名称,月份,办结件数,准予,不予,核查后撤销,有承诺时限,承诺时限内办结,承诺时限按时率,有法定时限", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("SAMR,", StringComparison.Ordinal) && l.Contains(",1,1,0,0,1,1,1,1,1,1,1,1,1,1,7.5,0", StringComparison.Ordinal));

        using var open = await admin.GetAsync($"/api/stats/compliance?{March}&format=csv&table=open");
        var openLines = Encoding.UTF8.GetString((await open.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("部门,部门名称,在办件数,已超承诺时限（红牌）,临近承诺时限（黄牌）,已超法定时限（红牌）,临近法定时限（黄牌）,事项,事项名称,送达月份", openLines[0]);
    }

    [Fact]
    public async Task TheAdministratorsStatisticsPage_ShowsTheTableChartAndCsvLink_AndASupervisorGetsTheApiOnly()
    {
        var (host, _) = await LicenceAfterASupplementAsync();
        await using var _ = host;
        using var admin = host.Client("admin");

        var page = await admin.GetStringAsync($"/admin/statistics?{March}&groupBy=department");

        Assert.Contains("<table class=\"admin-table\" id=\"steps\"", page, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart\"", page, StringComparison.Ordinal);
        Assert.Contains("/api/stats/compliance?from=2026-03&amp;to=2026-03&amp;groupBy=department&amp;format=csv&amp;table=steps", page, StringComparison.Ordinal);
        var own = await host.GetJsonAsync("samr-supervisor", $"/api/stats/compliance?{March}&groupBy=department,service");
        Assert.Equal("SAMR", Assert.Single(own.GetProperty("steps").EnumerateArray()).GetProperty("department").GetString());
        using var clerk = host.Client("samr-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/stats/compliance")).StatusCode);
    }

    [Theory]
    [InlineData("from=2026-13", "from")]
    [InlineData("from=2026-03-01", "from")]
    [InlineData("from=2026-0%00", "from")]
    [InlineData("to=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-03", "to")]
    [InlineData("from=2026-05&to=2026-03", "to")]
    [InlineData("from=2020-01&to=2026-12", "to")]
    [InlineData("groupBy=year", "groupBy")]
    [InlineData("groupBy=department%00", "groupBy")]
    [InlineData("format=xlsx", "format")]
    [InlineData("table=audit", "table")]
    public async Task AHostileQuery_IsRefusedWithItsField(string query, string field)
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var admin = host.Client("admin");

        using var response = await admin.GetAsync("/api/stats/compliance?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }

    [Fact]
    public async Task AHugeGroupBy_IsRefusedWithItsField()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var admin = host.Client("admin");

        using var response = await admin.GetAsync("/api/stats/compliance?groupBy=" + string.Join(",", Enumerable.Repeat("department", 500)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("groupBy", out _));
    }
}
