using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The window staff's list of applications taken in at a window and not yet decided, any staff member's (shifts
/// change): newest first, a page at a time with the count of all, read in one query of the listed columns
/// (<see cref="IApplicationQueries.ListOpenWalkInsAsync"/>); those awaiting a material from the citizen are marked, and
/// what exactly is needed is on each application's page. A search by tracking number (whole, which opens the
/// application's page for staff, or its start) or by part of the citizen's name. The citizen's identity number is kept
/// only in the audit trail's intake line, so it is not searched.
/// </summary>
[Authorize(Policy = Policies.Window)]
public sealed class WalkInsModel(IApplicationQueries queries, DefinitionRegistry definitions) : PageModel
{
    /// <summary>The lines on one page.</summary>
    public const int PageSize = 50;

    /// <summary>The page shown, from 1.</summary>
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    /// <summary>A tracking number (whole or its start) or part of the citizen's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>The applications on this page and how many match in all.</summary>
    public WalkInListPage List { get; private set; } = new([], 0);

    /// <summary>How many pages the matches fill (at least one).</summary>
    public int PageCount => Math.Max(1, (List.Total + PageSize - 1) / PageSize);

    /// <summary>Each service's title in the visitor's language, by service id.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    /// <summary>What an open supplement request asks the citizen for, in words, by application.</summary>
    public IReadOnlyDictionary<Guid, string> Asked { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Why the search found nothing, shown next to its field.</summary>
    public string? SearchError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var search = WalkInSearch.Of(Search);
        PageNumber = Math.Max(1, PageNumber);
        List = await queries.ListOpenWalkInsAsync(search, PageSize, (PageNumber - 1) * PageSize, cancellationToken);
        if (search.Number is not null && List.Items is [{ } found])
        {
            return Redirect($"{TrackingModel.WindowPath}/{found.Id}");
        }

        if (search != WalkInSearch.All && List.Total == 0)
        {
            // An online application's number says nothing more than an unknown one.
            SearchError = WalkInText.Current.NotFound;
        }

        var text = PageText.Current;
        var english = text.IsEnglishText;
        var asked = new Dictionary<Guid, string>();
        foreach (var item in List.Items.Where(i => i.AskedMaterials.Count > 0))
        {
            var service = await definitions.GetAsync(item.ServiceId, item.ServiceVersion, cancellationToken);
            // A field of the form to correct is listed as form.<key> (WalkInListItem).
            var names = item.AskedMaterials.Select(m => m.StartsWith(WalkInListItem.FieldPrefix, StringComparison.Ordinal)
                ? english ? service.SupplementItemNameEn(null, m[WalkInListItem.FieldPrefix.Length..]) : service.SupplementItemName(null, m[WalkInListItem.FieldPrefix.Length..])
                : english ? service.MaterialNameEn(m) : service.MaterialName(m));
            asked[item.Id] = ApplicantText.Format(ApplicantText.Current.ActionSupplementFormat, string.Join(english ? ", " : "、", names));
        }

        Asked = asked;
        Titles = (await definitions.ListLatestPublishedAsync(cancellationToken)).ToDictionary(d => d.Id, d => text.Of(d.Title), StringComparer.Ordinal);
        return Page();
    }

    /// <summary>The list's address for another page, keeping the search (<c>p</c>: Razor Pages' own route value is <c>page</c>).</summary>
    public string PageLink(int page) =>
        TrackingModel.WindowPath + "?" + (string.IsNullOrWhiteSpace(Search) ? "" : "search=" + Uri.EscapeDataString(Search.Trim()) + "&")
        + "p=" + page.ToString(CultureInfo.InvariantCulture);
}
