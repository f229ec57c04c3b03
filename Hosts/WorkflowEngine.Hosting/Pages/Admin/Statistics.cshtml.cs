using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Pages.Public;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The compliance statistics of <c>GET /api/stats/compliance</c> for administrators: the filters, the table, a chart of
/// the on-time rate against the promised limit, and the same figures as CSV.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class StatisticsModel(ComplianceStatistics statistics, TimeProvider time) : PageModel
{
    /// <summary>What the page can group by, one dimension at a time; the API takes several.</summary>
    public static readonly string[] Groupings = ["department", "service", "month"];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? GroupBy { get; set; }

    public ComplianceStatsDto? Report { get; private set; }

    public static string GroupingText(string grouping) => grouping switch
    {
        "service" => AdminText.Say("按事项", "By service"),
        "month" => AdminText.Say("按月份", "By month"),
        _ => AdminText.Say("按部门", "By department"),
    };

    /// <summary>A row's name: its department, service or month, as grouped.</summary>
    public static string Label(StatsFiguresDto row) =>
        row.DepartmentName ?? row.Department ?? row.ServiceTitle ?? row.ServiceId ?? row.Month ?? AdminText.Say("合计", "Total");

    /// <summary>An open-steps row's name: its department, service or month, as grouped.</summary>
    public static string Label(OpenRiskDto row) =>
        row.DepartmentName ?? row.Department ?? row.ServiceTitle ?? row.ServiceId ?? row.Month ?? AdminText.Say("合计", "Total");

    public static string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A percentile of handling time: "≥1440" ("1440 or more") when it lies past a bucket whose bound is only its floor.</summary>
    public static string Hours(double? hours, bool atLeast) =>
        atLeast && hours is not null ? AdminText.Say($"≥{Hours(hours)}", $"{Hours(hours)} or more") : Hours(hours);

    /// <summary>The on-time rate against the promised limit of each row that has one, as bars.</summary>
    public static IReadOnlyList<ChartBar> Bars(IEnumerable<StatsFiguresDto> rows) =>
        rows.Where(r => r.OnTimeRate is not null).Select(r => new ChartBar(Label(r), r.OnTimeRate!.Value * 100, Rate(r.OnTimeRate))).ToArray();

    /// <summary>The filters as the API's query string, for the CSV link.</summary>
    public string CsvQuery(string table)
    {
        var parts = new Dictionary<string, string?> { ["from"] = Report?.From, ["to"] = Report?.To, ["groupBy"] = GroupBy ?? "department", ["format"] = "csv", ["table"] = table };
        return string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var query = ComplianceStatsQuery.Parse(From, To, GroupBy, null, null, null, time.GetUtcNow(), errors);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field, messages[0]);
        }

        if (errors.Count == 0)
        {
            Report = await statistics.BuildAsync(query, null, cancellationToken);
        }
    }
}
