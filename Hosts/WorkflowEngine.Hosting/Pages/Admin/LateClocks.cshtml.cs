using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The bundles (一件事) and stages on a yellow or red card, across departments, most overdue first: what
/// <c>GET /api/admin/late-clocks</c> lists, with its filters by service and colour.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class LateClocksModel(LateClocks late, DefinitionRegistry definitions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Limit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public IReadOnlyList<LateClockDto> Items { get; private set; } = [];

    /// <summary>How many clocks on a card match the filters, of which <see cref="Items"/> is the page <see cref="Range"/>.</summary>
    public int Total { get; private set; }

    public Paging Range { get; private set; } = Paging.Of(null, null);

    public IReadOnlyList<(string Id, string Title)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Services = [.. (await definitions.ListLatestPublishedAsync(cancellationToken)).Select(d => (d.Id, PageText.Current.Of(d.Title))).OrderBy(s => s.Id, StringComparer.Ordinal)];
        var errors = new Dictionary<string, ProblemText[]>();
        var (service, level) = LateClocksEndpoints.ReadFilters(Service, Level, errors);
        if (errors.ContainsKey("level"))
        {
            ModelState.AddModelError(nameof(Level), AdminText.Say("预警只能是黄牌或红牌", "The card is yellow or red"));
        }

        if (errors.ContainsKey("service"))
        {
            ModelState.AddModelError(nameof(Service), AdminText.Say("没有这个事项编号", "No service has this id"));
        }

        if (errors.Count > 0)
        {
            return Page();
        }

        Range = Paging.Of(Limit, Offset);
        var found = await late.ListAsync(service, level, Range, PageText.Current.IsEnglishText, cancellationToken);
        Items = found.Items;
        Total = found.Total;
        return Page();
    }

    /// <summary>This list with another offset, keeping the filters.</summary>
    public string Link(int offset) => QueryHelpers.AddQueryString("/admin/late-clocks", new Dictionary<string, string?>
    {
        ["service"] = Service,
        ["level"] = Level,
        ["limit"] = Limit is null ? null : Range.Limit.ToString(CultureInfo.InvariantCulture),
        ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>A card as a person reads it: 红牌（法定时限）.</summary>
    public static string CardText(string warning, string limit) =>
        (warning, limit) switch
        {
            ("red", "statutory") => AdminText.Say("红牌（超过法定时限）", "Red (past the statutory limit)"),
            ("red", _) => AdminText.Say("红牌（超过承诺时限）", "Red (past the promised limit)"),
            (_, "statutory") => AdminText.Say("黄牌（临近法定时限）", "Yellow (nearing the statutory limit)"),
            _ => AdminText.Say("黄牌（临近承诺时限）", "Yellow (nearing the promised limit)"),
        };

    /// <summary>Working time left, or how far past, in hours and minutes: 剩余 2 小时 30 分钟 / 已超 3 小时.</summary>
    public static string LeftText(decimal hours) =>
        hours >= 0
            ? AdminText.Say($"剩余 {WorkingTimeWords.Of(hours, english: false)}", $"{WorkingTimeWords.Of(hours, english: true)} left")
            : AdminText.Say($"已超 {WorkingTimeWords.Of(hours, english: false)}", $"{WorkingTimeWords.Of(hours, english: true)} over");
}
