using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>Every definition with all its versions (draft, published, retired), and which one new applications get.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DefinitionsModel(IDefinitionStore store) : PageModel
{
    /// <summary>The id of a draft just discarded, to confirm.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Discarded { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public IReadOnlyList<IGrouping<string, DefinitionRecord>> Definitions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Definitions = (await store.ListAsync(cancellationToken)).GroupBy(r => r.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();

    /// <summary>The version new applications start on: the newest ever published, unless retired (as the registry decides).</summary>
    public static int? CurrentVersion(IEnumerable<DefinitionRecord> versions) =>
        versions.Where(v => v.Status is DefinitionStatuses.Published or DefinitionStatuses.Retired).MaxBy(v => v.Version) is { Status: DefinitionStatuses.Published } current
            ? current.Version
            : null;
}
