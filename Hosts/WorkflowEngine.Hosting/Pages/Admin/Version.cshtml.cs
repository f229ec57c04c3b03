using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// One version of a definition: its source with each error at its line, the flow drawn as a diagram, the due dates of
/// every step, stage and the bundle from a chosen start, and what may be done with it (publish, retire, discard),
/// through the same registry calls and refusals as the definitions API.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class VersionModel(IDefinitionStore store, DefinitionRegistry registry, ActivityRegistry activities, ReferenceData reference, TimeProvider time)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? At { get; set; }

    /// <summary>What was just done (published, retired), to confirm.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public DefinitionRecord? Record { get; private set; }

    public IReadOnlyList<DefinitionError> Errors { get; private set; } = [];

    public FlowPlan? Plan { get; private set; }

    /// <summary>Why the last action was refused.</summary>
    public string? Problem { get; private set; }

    public string[] Lines => Record?.Source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n') ?? [];

    public async Task<IActionResult> OnGetAsync(string id, int version, CancellationToken cancellationToken) =>
        await LoadAsync(id, version, cancellationToken) ? Page() : NotFoundPage();

    public Task<IActionResult> OnPostPublishAsync(string id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, version, async () => (await registry.PublishAsync(id, version, User.Id(), cancellationToken)) is var r && r.Succeeded ? null : r.Problem,
            $"/admin/definitions/{id}/versions/{version}?done=published", cancellationToken);

    public Task<IActionResult> OnPostRetireAsync(string id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, version, async () => (await registry.RetireAsync(id, version, User.Id(), cancellationToken)).Problem,
            $"/admin/definitions/{id}/versions/{version}?done=retired", cancellationToken);

    public Task<IActionResult> OnPostDiscardAsync(string id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, version, async () => (await registry.DiscardDraftAsync(id, version, User.Id(), cancellationToken)).Problem,
            $"/admin/definitions?discarded={Uri.EscapeDataString(id)}&version={version}", cancellationToken);

    /// <summary>Does what the registry decides (the API's own calls) and shows it done, or the page again with the refusal.</summary>
    private async Task<IActionResult> ActAsync(string id, int version, Func<Task<string?>> act, string done, CancellationToken cancellationToken)
    {
        Problem = await act();
        if (Problem is null)
        {
            return Redirect(done);
        }

        return await LoadAsync(id, version, cancellationToken) ? Page() : NotFoundPage();
    }

    private async Task<bool> LoadAsync(string id, int version, CancellationToken cancellationToken)
    {
        Record = await store.GetAsync(id, version, cancellationToken);
        if (Record is null)
        {
            return false;
        }

        // Validated again now, as publishing would: departments or calendars may have changed since it was saved.
        var loaded = registry.Loader.Load(Record.Source, $"{id}@v{version}");
        Errors = loaded.Errors;
        if (loaded.Definition is { } definition)
        {
            Plan = FlowPlan.Of(definition, activities, reference, PreviewStart(definition.CalendarId));
        }

        return true;
    }

    /// <summary>The start the preview counts from: the chosen date and time in the calendar's zone, or now (also when they cannot be read, with the field's error).</summary>
    private DateTimeOffset PreviewStart(string calendarId)
    {
        var zone = reference.Calendars.TryGetValue(calendarId, out var calendar) ? calendar.Zone : ChinaTime.Zone;
        var read = DuePreviewStart.Read(Start, At, time.GetUtcNow(), zone);
        foreach (var (field, problem) in read.Errors)
        {
            ModelState.AddModelError(field == "start" ? nameof(Start) : nameof(At), AdminText.Say(problem.Zh, problem.En));
        }

        if (read.Errors.Count == 0)
        {
            Start = read.Date;
            At = read.Time;
        }

        return read.At;
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
