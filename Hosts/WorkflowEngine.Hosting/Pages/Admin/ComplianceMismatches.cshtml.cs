using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The steps whose department host and the engine disagree on compliance, both views side by side, with the filters
/// of <c>GET /api/compliance/mismatches</c> and its CSV.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ComplianceMismatchesModel(IComplianceMismatchQueries queries, ReferenceData reference, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? PageNumber { get; set; }

    public IReadOnlyList<ComplianceMismatchDto> Items { get; private set; } = [];

    public int Total { get; private set; }

    public int PageSize { get; private set; } = ComplianceMismatchRequest.DefaultPageSize;

    public int CurrentPage { get; private set; } = 1;

    /// <summary>The months shown, as the filter read them.</summary>
    public string Months { get; private set; } = "";

    public IEnumerable<(string Code, string Name)> Departments =>
        reference.Departments.Values.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => (d.Code, PageText.Current.Of(d.Name)));

    /// <summary>The filters as a query string, for the CSV link and the next and previous pages.</summary>
    public string Query(int? page = null, string? format = null)
    {
        var parts = new Dictionary<string, string?>
        {
            ["department"] = Department, ["service"] = Service, ["kind"] = Kind, ["from"] = From, ["to"] = To,
            // The API names the page "page"; Razor Pages keeps that name for its own routing.
            [format is null ? "pageNumber" : "page"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["format"] = format,
        };
        return string.Join("&", parts.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (filter, first, last) = ComplianceMismatchRequest.Parse(
            Department, Service, Kind, From, To, PageNumber, null, reference, time.GetUtcNow(), errors);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field == "page" ? nameof(PageNumber) : field, messages[0]);
        }

        if (errors.Count > 0)
        {
            return;
        }

        Months = first == last ? first : $"{first} — {last}";
        var found = await queries.ListAsync(filter, cancellationToken);
        Items = found.Items.Select(i => ComplianceMismatchDto.From(i, reference)).ToArray();
        Total = found.Total;
        PageSize = filter.Limit;
        CurrentPage = filter.Offset / filter.Limit + 1;
    }

    public static string KindText(string kind) => kind switch
    {
        ComplianceKinds.OnTimeDiffers => AdminText.Say("按时结论不一致", "On-time differs"),
        ComplianceKinds.DueDiffers => AdminText.Say("办理期限不一致", "Due time differs"),
        ComplianceKinds.ClockSkew => AdminText.Say("时钟偏差", "Clock skew"),
        ComplianceKinds.Backfilled => AdminText.Say("事后补录办结时间", "Back-filled"),
        ComplianceKinds.WorkingTimeDiffers => AdminText.Say("工作用时不一致", "Working time differs"),
        ComplianceKinds.PausedTimeDiffers => AdminText.Say("暂停用时不一致", "Paused time differs"),
        ComplianceKinds.NotReported => AdminText.Say("部门未报告", "Not reported"),
        _ => kind,
    };

    public static string OnTimeText(bool? onTime) => onTime switch
    {
        null => "—",
        true => AdminText.Say("按时", "On time"),
        false => AdminText.Say("超期", "Late"),
    };

    public static string MinutesText(int? minutes) => minutes is { } m ? AdminText.Say($"{m} 分钟", $"{m} min") : AdminText.Say("未计", "not counted");
}
