using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The definition editor: a text area that a small script validates as the administrator types (through
/// <c>POST /api/definitions/validate</c>) with each error marked at its line; without script the Validate button does
/// the same on the server. Save stores the draft and Publish stores and publishes it, through the registry calls and
/// refusals of the definitions API.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(IDefinitionStore store, DefinitionRegistry registry, IOptions<RequestLimits> limits) : PageModel
{
    /// <summary>The name errors cite, as the API's without an X-File-Name header.</summary>
    public const string FileName = "definition.yaml";

    private const string Skeleton = """
        id: my-service
        title: { zh: 新事项, en: New service }
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: name, label: 姓名, type: text, required: true }
        flow:
          - { id: registration, activity: department-task, title: 登记, department: HRSS, limit: { workingDays: 3 } }

        """;

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    [BindProperty]
    public string Source { get; set; } = "";

    public IReadOnlyList<DefinitionError> Errors { get; private set; } = [];

    /// <summary>Whether the text was checked (by the Validate button) and what was found.</summary>
    public bool Checked { get; private set; }

    public string? Problem { get; private set; }

    public int LineCount => Source.Split('\n').Length;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Source = Id is { } id && Version is { } version && await store.GetAsync(id, version, cancellationToken) is { } record
            ? record.Source
            : Skeleton;
    }

    public void OnPostValidate()
    {
        if (TooLarge())
        {
            return;
        }

        Errors = registry.Loader.Load(Source, FileName).Errors;
        Checked = true;
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        await SaveAsync(cancellationToken) is { } draft ? Redirect($"/admin/definitions/{draft.Id}/versions/{draft.Version}") : Page();

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (await SaveAsync(cancellationToken) is not { } draft)
        {
            return Page();
        }

        var published = await registry.PublishAsync(draft.Id, draft.Version, User.Id(), cancellationToken);
        if (published.Succeeded)
        {
            return Redirect($"/admin/definitions/{draft.Id}/versions/{draft.Version}?done=published");
        }

        Errors = published.Errors;
        Problem = AdminText.Say($"{published.Problem}；已保存为第 {draft.Version} 版草稿。", $"{published.Problem}; saved as draft version {draft.Version}.");
        return Page();
    }

    private async Task<DefinitionRecord?> SaveAsync(CancellationToken cancellationToken)
    {
        if (TooLarge())
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(Source))
        {
            ModelState.AddModelError(nameof(Source), AdminText.Say("定义为空：请写入 YAML（或 JSON）文本", "The definition is empty: write its YAML (or JSON)"));
            return null;
        }

        var result = await registry.SaveDraftAsync(Source, FileName, User.Id(), cancellationToken);
        Errors = result.Errors;
        if (result.Draft is null)
        {
            Problem = AdminText.Say("定义无法读取（缺少可用的 id），未保存", "The definition cannot be read (no usable id): not saved");
        }

        return result.Draft;
    }

    /// <summary>The API's bound for a definition (<c>Limits:DefinitionBytes</c>), on the text itself.</summary>
    private bool TooLarge()
    {
        Source = Source.Replace("\r\n", "\n", StringComparison.Ordinal);
        var max = limits.Value.DefinitionBytes;
        if (Encoding.UTF8.GetByteCount(Source) <= max)
        {
            return false;
        }

        ModelState.AddModelError(nameof(Source), AdminText.Say($"定义超过了 {Problems.Size(max)} 的上限", $"The definition is over the {Problems.Size(max, english: true)} limit"));
        return true;
    }
}
