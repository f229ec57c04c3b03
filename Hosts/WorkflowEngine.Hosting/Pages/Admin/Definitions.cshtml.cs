using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>Every definition with all its versions (draft, published, retired), and which one new applications get.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DefinitionsModel(IDefinitionStore store, DefinitionRegistry registry) : PageModel
{
    /// <summary>The id of a draft just discarded, to confirm.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Discarded { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public IReadOnlyList<IGrouping<string, DefinitionRecord>> Definitions { get; private set; } = [];

    /// <summary>Each definition's title, as its newest version gives it, in both languages.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Titles { get; private set; } = new Dictionary<string, LocalizedText>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Definitions = (await store.ListAsync(cancellationToken)).GroupBy(r => r.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToArray();
        var titles = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        foreach (var definition in Definitions)
        {
            titles[definition.Key] = await registry.TitleAsync(definition.MaxBy(v => v.Version)!, cancellationToken);
        }

        Titles = titles;
    }

    /// <summary>The version new applications start on: the newest ever published, unless retired (as the registry decides).</summary>
    public static int? CurrentVersion(IEnumerable<DefinitionRecord> versions) =>
        versions.Where(v => v.Status is DefinitionStatuses.Published or DefinitionStatuses.Retired).MaxBy(v => v.Version) is { Status: DefinitionStatuses.Published } current
            ? current.Version
            : null;
}
