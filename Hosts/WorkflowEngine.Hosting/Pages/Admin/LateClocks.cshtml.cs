using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

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

    public IReadOnlyList<LateClockDto> Items { get; private set; } = [];

    public IReadOnlyList<(string Id, string Title)> Services { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Services = [.. (await definitions.ListLatestPublishedAsync(cancellationToken)).Select(d => (d.Id, PageText.Current.Of(d.Title))).OrderBy(s => s.Id, StringComparer.Ordinal)];
        if (Level is not (null or "" or "yellow" or "red"))
        {
            ModelState.AddModelError(nameof(Level), AdminText.Say("预警只能是黄牌或红牌", "The card is yellow or red"));
            return Page();
        }

        Items = await late.ListAsync(string.IsNullOrWhiteSpace(Service) ? null : Service.Trim(), string.IsNullOrEmpty(Level) ? null : Level, cancellationToken);
        return Page();
    }

    /// <summary>A card as a person reads it: 红牌（法定时限）.</summary>
    public static string CardText(string warning, string limit) =>
        (warning, limit) switch
        {
            ("red", "statutory") => AdminText.Say("红牌（超过法定时限）", "Red (past the statutory limit)"),
            ("red", _) => AdminText.Say("红牌（超过承诺时限）", "Red (past the promised limit)"),
            (_, "statutory") => AdminText.Say("黄牌（临近法定时限）", "Yellow (nearing the statutory limit)"),
            _ => AdminText.Say("黄牌（临近承诺时限）", "Yellow (nearing the promised limit)"),
        };

    /// <summary>Working time left, or how far past: 剩余 2.5 个工作小时 / 已超 3 个工作小时.</summary>
    public static string LeftText(decimal hours) =>
        hours >= 0
            ? AdminText.Say($"剩余 {hours:0.##} 个工作小时", $"{hours:0.##} working hours left")
            : AdminText.Say($"已超 {-hours:0.##} 个工作小时", $"{-hours:0.##} working hours over");
}
