using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>The line diff between any two versions of a definition: what changed from one to the other.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DiffModel(IDefinitionStore store, DefinitionRegistry registry) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public string Id { get; private set; } = "";

    /// <summary>The definition's title in the page's language, as its newest version gives it.</summary>
    public string Title { get; private set; } = "";

    /// <summary>Every version of the definition, newest first, to choose from.</summary>
    public IReadOnlyList<DefinitionRecord> Versions { get; private set; } = [];

    public IReadOnlyList<DiffLine> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Id = id;
        Versions = (await store.ListAsync(cancellationToken)).Where(v => v.Id == id).OrderByDescending(v => v.Version).ToArray();
        if (Versions.Count == 0)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Title = PageText.Current.Of(await registry.TitleAsync(Versions[0], cancellationToken));
        From ??= Versions.Count > 1 ? Versions[1].Version : Versions[0].Version;
        To ??= Versions[0].Version;
        var older = await VersionAsync(id, From.Value, nameof(From), cancellationToken);
        var newer = await VersionAsync(id, To.Value, nameof(To), cancellationToken);
        if (older is not null && newer is not null)
        {
            Lines = SourceDiff.Lines(older.Source, newer.Source);
        }

        return Page();
    }

    private async Task<DefinitionRecord?> VersionAsync(string id, int version, string field, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, version, cancellationToken);
        if (record is null)
        {
            ModelState.AddModelError(field, AdminText.Say($"没有第 {version} 版", $"There is no version {version}"));
        }

        return record;
    }
}
