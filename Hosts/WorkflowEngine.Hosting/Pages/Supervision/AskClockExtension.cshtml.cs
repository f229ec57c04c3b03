using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.ClockExtensions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Supervision;

/// <summary>
/// A supervisor of a department with a step in an application asks to extend the service's or a stage's limit
/// (申请延长整件事或阶段的办理时限, 行政许可法 Art. 42): the clock, the working days to add (up to what the definition
/// allows) and why. The form offers the clocks <see cref="ClockExtensionChecks"/> would accept a request for, and the
/// request goes through the same checks as <c>POST /api/applications/{id}/clock-extensions</c>.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class AskClockExtensionModel(
    ClockExtensionActions actions, ApplicationViews views, DefinitionRegistry definitions, ReferenceData reference, IDirectoryStore directory) : PageModel
{
    /// <summary>The application, from the address.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    // Named as the inputs are, so that the errors the summary lists link to their fields' ids.

    /// <summary>The stage whose clock to extend; empty for the whole service's.</summary>
    [BindProperty(Name = "stage")]
    public string? Stage { get; set; }

    [BindProperty(Name = "workingDays")]
    public decimal? WorkingDays { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public ApplicationRecord? Application { get; private set; }

    public string ServiceTitle { get; private set; } = "";

    /// <summary>The clocks the supervisor's department may ask to extend now, with their titles and the most they may gain.</summary>
    public IReadOnlyList<ExtendableClock> Clocks { get; private set; } = [];

    /// <summary>The application's requests so far, oldest first.</summary>
    public IReadOnlyList<ClockExtensionView> Requests { get; private set; } = [];

    /// <summary>Who asked for and who answered the requests listed, by name, read once for the page.</summary>
    public UserNames Names { get; private set; } = UserNames.None;

    /// <summary>Why the page cannot offer the form (not found, not a supervisor).</summary>
    public string? Problem { get; private set; }

    /// <summary>Why the rules refused the request, where no single field is at fault.</summary>
    public string? Refusal { get; private set; }

    public string? Error(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var asked = new RequestClockExtensionRequest(Stage, WorkingDays, null, Reason);
        foreach (var (field, messages) in ClockExtensionActions.Check(asked))
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(InputOf(field), SharedText.Say(message));
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var outcome = await actions.RequestAsync(Id, asked, User, cancellationToken);
        if (outcome.Refusal is not { } refusal)
        {
            return RedirectToPage(new { id = Id, done = "asked" });
        }

        var text = SharedText.Say(refusal.Zh, refusal.En);
        if (refusal.Field is { } at)
        {
            ModelState.AddModelError(InputOf(at), text);
        }
        else
        {
            Refusal = text;
        }

        Response.StatusCode = RefusalStatus.Of(refusal.Kind);
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The input of the form that a rule's field names (the API's and the core's names differ a little).</summary>
    private static string InputOf(string field) => field switch
    {
        ClockExtensionRefusal.Fields.Stage => "stage",
        ClockExtensionRefusal.Fields.Reason or "reason" => "reason",
        _ => "workingDays",
    };

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // An application the user may not see is answered as one nobody has.
        if (await views.VisibleAsync(Id, User, cancellationToken) is not { } application)
        {
            Problem = SharedText.Say("没有这个申请，或您的部门在其中没有办理事项。", "There is no such application, or your department has no step in it.");
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Application = application;
        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        ServiceTitle = PageText.Current.Of(definition.Title);
        Requests = await actions.OfApplicationAsync(Id, User, cancellationToken) ?? [];
        Names = await ClockExtensionActions.NamesAsync(directory, Requests, cancellationToken);
        if (ClockExtensionActions.Supervisor(User) is not { } department)
        {
            Problem = SharedText.Say(ClockExtensionActions.NotASupervisor);
            if (Response.StatusCode == StatusCodes.Status200OK)
            {
                Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        Clocks = [.. ClockExtensionChecks.Extendable(definition, application.State, department, reference.Calendar(definition.CalendarId))
            .Select(c => new ExtendableClock(c.StageId ?? "", TitleOf(definition, c.StageId), PageText.Current.Of(c.Rules.Max!), c.Rules.Approver ?? ""))];
    }

    private static string TitleOf(WorkflowDefinition definition, string? stageId) =>
        stageId is null
            ? SharedText.Say($"整件事（{PageText.Current.Of(definition.Title)}）", $"The whole service ({PageText.Current.Of(definition.Title)})")
            : SharedText.Say($"阶段：{definition.Node(stageId).DisplayTitle}", $"Stage: {definition.Node(stageId).DisplayTitleEn}");
}
