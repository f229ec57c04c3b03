using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// One version of a definition: its source with each error at its line, the flow drawn as a diagram, the due dates of
/// every step, stage and the bundle from a chosen start, and what may be done with it (publish, retire, discard),
/// through the same registry calls and refusals as the definitions API.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class VersionModel(
    IDefinitionStore store, DefinitionRegistry registry, ActivityRegistry activities, ReferenceData reference, IApplicationQueries applications, TimeProvider time)
    : PageModel
{
    /// <summary>The <see cref="Confirm"/> step of retiring a published version.</summary>
    public const string Retire = "retire";

    /// <summary>The <see cref="Confirm"/> step of discarding a draft.</summary>
    public const string Discard = "discard";

    /// <summary>The action asked for and to be confirmed (<see cref="Retire"/>, <see cref="Discard"/>), or null.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Confirm { get; set; }

    /// <summary>The action whose consequences the page states before it is done, when it applies to this version.</summary>
    public string? Confirming =>
        (Confirm, Record?.Status) switch
        {
            (Retire, DefinitionStatuses.Published) => Retire,
            (Discard, DefinitionStatuses.Draft) => Discard,
            _ => null,
        };

    /// <summary>How many applications under way run on this version, for the retire confirmation.</summary>
    public int Running { get; private set; }

    /// <summary>Whether retiring this version closes the service to new applications: it is the newest ever published.</summary>
    public bool ClosesService { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? At { get; set; }

    /// <summary>What was just done (published, retired), to confirm.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public DefinitionRecord? Record { get; private set; }

    /// <summary>The version's title in the page's language, as its source gives it; the stored Chinese one when the source no longer reads.</summary>
    public string Title { get; private set; } = "";

    public IReadOnlyList<DefinitionError> Errors { get; private set; } = [];

    public FlowPlan? Plan { get; private set; }

    /// <summary>Why the last action was refused.</summary>
    public string? Problem { get; private set; }

    public string[] Lines => Record?.Source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n') ?? [];

    public async Task<IActionResult> OnGetAsync(string id, int version, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, version, cancellationToken))
        {
            return NotFoundPage();
        }

        if (Confirming == Retire)
        {
            Running = await RunningOnAsync(id, version, cancellationToken);
            ClosesService = (await store.GetLatestPublishedAsync(id, cancellationToken))?.Version == version;
        }

        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(string id, int version, CancellationToken cancellationToken) =>
        ActAsync(id, version, async () => (await registry.PublishAsync(id, version, User.Id(), cancellationToken)) is var r && r.Succeeded ? null : r.Problem,
            $"/admin/definitions/{id}/versions/{version}?done=published", cancellationToken);

    /// <summary>Retires the version once confirmed; a post without the confirmation is shown the consequences first.</summary>
    public Task<IActionResult> OnPostRetireAsync(string id, int version, bool confirmed, CancellationToken cancellationToken) =>
        confirmed
            ? ActAsync(id, version, async () => (await registry.RetireAsync(id, version, User.Id(), cancellationToken)).Problem,
                $"/admin/definitions/{id}/versions/{version}?done=retired", cancellationToken)
            : Task.FromResult<IActionResult>(Redirect(ConfirmUrl(id, version, Retire)));

    /// <summary>Discards the draft once confirmed; a post without the confirmation is shown the consequences first.</summary>
    public Task<IActionResult> OnPostDiscardAsync(string id, int version, bool confirmed, CancellationToken cancellationToken) =>
        confirmed
            ? ActAsync(id, version, async () => (await registry.DiscardDraftAsync(id, version, User.Id(), cancellationToken)).Problem,
                $"/admin/definitions?discarded={Uri.EscapeDataString(id)}&version={version}", cancellationToken)
            : Task.FromResult<IActionResult>(Redirect(ConfirmUrl(id, version, Discard)));

    private static string ConfirmUrl(string id, int version, string action) =>
        $"/admin/definitions/{Uri.EscapeDataString(id)}/versions/{version}?confirm={action}#confirm";

    private const int RunningPage = 500;

    /// <summary>The applications whose flow still runs on the version, read a page at a time as a calendar recount reads them.</summary>
    private async Task<int> RunningOnAsync(string id, int version, CancellationToken cancellationToken)
    {
        var running = 0;
        Guid? after = null;
        while (true)
        {
            var page = await applications.ListOpenAsync(after, RunningPage, cancellationToken);
            running += page.Count(a => a.ServiceId == id && a.ServiceVersion == version);
            if (page.Count < RunningPage)
            {
                return running;
            }

            after = page[^1].Id;
        }
    }

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
        Title = PageText.Current.Of(loaded.Definition?.Title ?? new LocalizedText(Record.Title));
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
