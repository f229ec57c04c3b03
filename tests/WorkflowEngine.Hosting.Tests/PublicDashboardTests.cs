using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The public dashboard (公开亮屏, <c>/public</c>), read by a visitor who has not signed in: the steps in progress by
/// department and by service against the promised and the statutory limit, and nothing that points at a person or an
/// application.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PublicDashboardTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>
    /// A licence (SAMR; 2 working hours promised, 3 working days statutory) dispatched Monday 2 March 2026 at 09:00 and
    /// not decided: on Monday 9 March it is past both limits, and counted so by department and by service.
    /// </summary>
    [Fact]
    public async Task OpenSteps_AreShownByDepartmentAndByService_PastThePromisedAndTheStatutoryLimit()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(await host.SubmitBusinessOpeningAsync("lisi"));
        host.Clock.Advance(new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        using var visitor = host.Client();

        var tuesday = await DashboardAsync(visitor);
        host.Clock.Advance(new DateTimeOffset(2026, 3, 9, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        var nextMonday = await DashboardAsync(visitor);

        // Tuesday: past the promised two hours, within the statutory three days.
        Assert.Contains(Row("open-by-department", "市场监督管理局", 2, 2, 0), Tables(tuesday));
        Assert.Contains(Row("open-by-service", "企业开办", 2, 2, 0), Tables(tuesday));
        Assert.Contains(Row("open-by-department", "市场监督管理局", 2, 2, 2), Tables(nextMonday));
        Assert.Contains(Row("open-by-service", "企业开办", 2, 2, 2), Tables(nextMonday));
        Assert.Contains("<th scope=\"col\" class=\"number\">超承诺时限</th><th scope=\"col\" class=\"number\">超法定时限</th>", nextMonday, StringComparison.Ordinal);
    }

    /// <summary>
    /// One application finished and one claimed by a clerk: the dashboard shows their figures, and neither the
    /// applicants, the legal representative, the company, the clerk, the tracking numbers nor the applications' ids.
    /// </summary>
    [Fact]
    public async Task TheDashboard_NamesNoApplicantClerkCompanyOrApplication()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var finished = await host.FinishBusinessOpeningAsync();
        var open = await host.SubmitBusinessOpeningAsync("lisi");
        var task = await host.TaskOfAsync(open);
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        }

        var secrets = new List<string> { "zhangsan", "张三", "lisi", "李四", "samr-clerk", "市场监管窗口", "psb-clerk", "bank-clerk", "福州闽江数字科技有限公司", "五四路", "11010519491231002X", "13800138000", "章程.pdf" };
        foreach (var id in new[] { finished, open })
        {
            var application = await host.GetJsonAsync("admin", $"/api/applications/{id}");
            secrets.AddRange([id.ToString(), id.ToString("N"), application.GetProperty("trackingNumber").GetString()!]);
        }

        using var visitor = host.Client();
        var page = await DashboardAsync(visitor);

        Assert.Contains(Row("open-by-department", "市场监督管理局", 1, 0, 0), Tables(page));
        Assert.Contains("100%", page, StringComparison.Ordinal);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, page, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A finished 企业开办 (the licence and the seal on time, the bank account late): the dashboard's steps by department,
    /// service and month and its bundles show the figures the statistics API publishes for the month, read from the same
    /// pre-summed rows.
    /// </summary>
    [Fact]
    public async Task FinishedWork_IsShownWithTheFiguresTheStatisticsApiPublishes()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.FinishBusinessOpeningAsync();
        using var visitor = host.Client();

        var page = await DashboardAsync(visitor);

        foreach (var (figure, groupBy, name) in new[] { ("by-department", "department", "departmentName"), ("by-service", "service", "serviceTitle"), ("by-month", "month", "month") })
        {
            var api = await host.GetJsonAsync("admin", $"/api/stats/compliance?from=2026-03&to=2026-03&groupBy={groupBy}");
            var expected = api.GetProperty("steps").EnumerateArray().Select(r => FigureRow(
                r.GetProperty(name).GetString()!, r.GetProperty("finished").GetInt32(), r.GetProperty("onTime").GetInt32(),
                r.GetProperty("promisedCounted").GetInt32() - r.GetProperty("onTime").GetInt32(), r.GetProperty("onTimeRate").GetDouble())).ToList();
            Assert.Equal(expected, SectionRows(page, figure));
        }

        // Seven steps decided, the bank account's late.
        Assert.Contains("市场监督管理局 1 1 0 100%", SectionRows(page, "by-department"));
        Assert.Equal(["企业开办 7 6 1 85.7%"], SectionRows(page, "by-service"));
        Assert.Equal(["2026-03 7 6 1 85.7%"], SectionRows(page, "by-month"));
        var bundle = (await host.GetJsonAsync("admin", "/api/stats/compliance?from=2026-03&to=2026-03&groupBy=service")).GetProperty("bundles").EnumerateArray().Single();
        Assert.Equal(
            [$"企业开办 1 {bundle.GetProperty("onTime").GetInt32()} {bundle.GetProperty("promisedCounted").GetInt32() - bundle.GetProperty("onTime").GetInt32()} "
                + $"{Percent(bundle.GetProperty("onTimeRate").GetDouble())} {bundle.GetProperty("withinStatutory").GetInt32()}"],
            SectionRows(page, "bundles"));
    }

    /// <summary>The rows of one section of the page (a chart's data table, or the bundles), as "name cell cell …".</summary>
    private static List<string> SectionRows(string page, string section)
    {
        var body = Regex.Match(page, $"aria-labelledby=\"{section}-heading\">(?<body>.*?)</section>", RegexOptions.Singleline);
        Assert.True(body.Success, $"no section {section}");
        return RowRegex().Matches(body.Groups["body"].Value)
            .Select(row => $"{row.Groups["name"].Value} {string.Join(' ', CellRegex().Matches(row.Groups["cells"].Value).Select(c => c.Groups[1].Value))}")
            .ToList();
    }

    private static string FigureRow(string name, int decided, int onTime, int late, double rate) => $"{name} {decided} {onTime} {late} {Percent(rate)}";

    private static string Percent(double rate) => (rate * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static async Task<string> DashboardAsync(HttpClient visitor)
    {
        using var response = await visitor.GetAsync("/public");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Regex.Replace(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), @">\s+<", "><");
    }

    /// <summary>Each table's rows, as "table-id: name open overdue statutory-overdue".</summary>
    private static List<string> Tables(string page) =>
        TableRegex().Matches(page).SelectMany(table => RowRegex().Matches(table.Groups["body"].Value).Select(row =>
            $"{table.Groups["id"].Value}: {row.Groups["name"].Value} {string.Join(' ', CellRegex().Matches(row.Groups["cells"].Value).Select(c => c.Groups[1].Value))}"))
            .ToList();

    private static string Row(string table, string name, int open, int overdue, int statutoryOverdue) =>
        $"{table}: {name} {open} {overdue} {statutoryOverdue}";

    [GeneratedRegex("<table id=\"(?<id>[a-z-]+)\">(?<body>.*?)</table>", RegexOptions.Singleline)]
    private static partial Regex TableRegex();

    // A month's row heading is marked as a time (<time datetime="2026-03">2026-03</time>).
    [GeneratedRegex("<tr>\\s*<th scope=\"row\">(?:<time datetime=\"[^\"]*\">)?(?<name>[^<]*)(?:</time>)?</th>(?<cells>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowRegex();

    [GeneratedRegex("<td class=\"number\">([^<]*)</td>")]
    private static partial Regex CellRegex();
}
