using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Pages.Window;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// An application's progress as its applicant follows it: the bundle's clock, each stage's clock around the steps inside
/// it, and every department's step with its status, due time, working time left, yellow or red card and a stopped
/// clock's reason, built by the API's own views (<see cref="ApplicationViews"/>, <see cref="ClockViews"/>); and the materials a supplement request (补正) asks for, uploaded through the API's own
/// <see cref="ApplicationService.AttachAsync"/>. An application that is not the visitor's is "not found", as one that
/// does not exist. Window staff reach a walk-in's application at <see cref="WindowPath"/> and act on it for the citizen
/// (<see cref="ApplicationViews.ActorFor"/>).
/// </summary>
[Authorize(Policy = Policies.ProgressPages)]
public sealed class TrackingModel(
    ApplicationViews views, ClockViews clocks, ApplicationService applications, CommitmentService commitments, DefinitionRegistry definitions, ReferenceData reference,
    ActivityRegistry activities, IOptions<RequestLimits> limits, IOptions<EngineOptions> engine, IRatingStore ratings, TimeProvider time) : PageModel
{
    public ApplicationDto? Application { get; private set; }

    /// <summary>The progress as the timeline shows it; null for an application not found.</summary>
    public ProgressView? Progress { get; private set; }

    public WorkflowDefinition? Service { get; private set; }

    /// <summary>The bundle's clock, as the clocks endpoint explains it.</summary>
    public ClockDto? Bundle { get; private set; }

    /// <summary>The bundle's clock as the page shows it at the top; null when the definition gives the bundle no limit.</summary>
    public ClockSummary? BundleSummary { get; private set; }

    /// <summary>What the applicant may upload now; empty when nothing is asked for.</summary>
    public IReadOnlyList<UploadSlot> Slots { get; private set; } = [];

    /// <summary>The form answers open supplement requests ask the applicant to correct, each with its field and every reason given; empty when none.</summary>
    public IReadOnlyList<(FormField Field, string[] Reasons, System.Text.Json.Nodes.JsonNode? Answer)> FieldItems { get; private set; } = [];

    /// <summary>Today in Asia/Shanghai as a date field's <c>today</c> bound reads it.</summary>
    public string? DateBound(string? bound) => bound == "today" ? ChinaTime.DateOf(time.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : bound;

    /// <summary>
    /// What a field to correct holds: empty at first (its answer now is shown beside it), what was posted after a refusal.
    /// Only what the applicant types is sent as the correction.
    /// </summary>
    public Microsoft.Extensions.Primitives.StringValues Posted(FormField field) =>
        Request.HasFormContentType ? Request.Form[Services.PostedForm.FieldPrefix + field.Key] : Microsoft.Extensions.Primitives.StringValues.Empty;

    /// <summary>
    /// A form answer to correct as the applicant reads it: a checkbox's yes or no, a choice's label (several joined),
    /// the text as typed; "—" for none.
    /// </summary>
    public static string AnswerText(FormField field, System.Text.Json.Nodes.JsonNode? answer)
    {
        var text = PageText.Current;
        string Label(System.Text.Json.Nodes.JsonNode? chosen) =>
            chosen?.ToString() is { } value && field.Options.FirstOrDefault(o => o.Value == value) is { } option ? text.Of(option.Label) : chosen?.ToString() ?? "—";
        return answer switch
        {
            null => "—",
            System.Text.Json.Nodes.JsonValue v when v.TryGetValue<bool>(out var yes) => yes ? ApplicantText.Current.Yes : ApplicantText.Current.No,
            System.Text.Json.Nodes.JsonArray many => many.Count == 0 ? "—" : string.Join(text.IsEnglishText ? ", " : "、", many.Select(Label)),
            _ => Label(answer),
        };
    }

    /// <summary>
    /// The form fields an unticked box leaves out of the post (a checkbox, a choice of several): the supplement form
    /// names them (<c>corrects</c>), so that "no" or "none" can be the correction.
    /// </summary>
    public const string CorrectsKey = "corrects";

    public static bool PostsNothingWhenEmpty(FormField field) => field.Type == FieldType.Bool || (field.Type == FieldType.Choice && field.Multiple);

    /// <summary>The window staff's route to a walk-in's application, beside the applicant's own.</summary>
    public const string WindowPath = "/window/applications";

    /// <summary>Whether the reader acts for the applicant (uploads, signs, withdraws): the applicant, or window staff for a walk-in; an administrator reads the page.</summary>
    public bool IsApplicant => Actor is not null;

    /// <summary>Who acts for the applicant on this page; null for a reader who only reads.</summary>
    public ApplicantActor? Actor { get; private set; }

    /// <summary>The page's own address: the window staff's, when it was reached there.</summary>
    public string PageOf(Guid id) => (Request.Path.StartsWithSegments(WindowPath) ? WindowPath : "/applications") + "/" + id.ToString();

    /// <summary>The items of supplement requests that have not come yet: a request may be answered a file at a time.</summary>
    public IEnumerable<UploadSlot> Outstanding => Slots.Where(s => s.Supplement && s.ReceivedAt is null);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The application's rating (好差评), once it has one: step ratings (一事一评) may come while it runs.</summary>
    public RatingRecord? Rating { get; private set; }

    /// <summary>A rating sent back with errors, to show again as it was sent.</summary>
    public RatingInput? SentRating { get; private set; }

    [BindProperty(SupportsGet = true)]
    public bool Uploaded { get; set; }

    /// <summary>The language of the applicant's messages was just changed: the setting says so.</summary>
    [BindProperty(SupportsGet = true)]
    public bool LanguageSaved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await ActorAsync(id, cancellationToken) is not { } actor)
        {
            return NotFoundPage();
        }

        // The judgement of the files in the page's language (the API's stays Chinese).
        using var language = FormMessages.InEnglish(PageText.Current.IsEnglishText);
        var errors = MaterialUploads.TooMany(Request.Form.Files, limits.Value) is { } tooMany
            ? new Dictionary<string, string[]> { [""] = [tooMany] }
            : null;
        if (errors is null)
        {
            var outcome = await applications.AttachAsync(id, MaterialUploads.Of(Request.Form.Files), await CorrectionsAsync(id, cancellationToken), actor, cancellationToken);
            if (outcome.Application is not null)
            {
                return Redirect($"{PageOf(id)}?uploaded=true");
            }

            errors = outcome.Errors.ToDictionary();
        }

        await LoadAsync(id, cancellationToken);
        Uploaded = false;
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>
    /// The corrected answers posted for the fields open supplement requests ask about (<c>form.&lt;key&gt;</c>, read as the
    /// apply page reads them), for the API's own judgement; null when none is asked.
    /// </summary>
    private async Task<System.Text.Json.Nodes.JsonObject?> CorrectionsAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } application
            || application.State.Nodes.Values.Where(n => n is { Status: NodeStatus.Active, Supplement: not null })
                .SelectMany(n => n.Supplement!.Items.Select(i => i.Field).OfType<string>()).ToHashSet(StringComparer.Ordinal) is not { Count: > 0 } asked)
        {
            return null;
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        var posted = Services.PostedForm.Read(definition, Request.Form);
        var corrections = new System.Text.Json.Nodes.JsonObject();
        var named = Request.Form[CorrectsKey];
        foreach (var key in asked.Where(k => Request.Form.ContainsKey(Services.PostedForm.FieldPrefix + k)
            || (named.Contains(k) && definition.Fields.TryGetValue(k, out var field) && PostsNothingWhenEmpty(field))))
        {
            corrections[key] = posted[key]?.DeepClone();
        }

        return corrections.Count == 0 ? null : corrections;
    }

    /// <summary>Who acts on this application for its applicant, if the reader may see it and act (<see cref="ApplicationViews.ActorFor"/>); null otherwise.</summary>
    private async Task<ApplicantActor?> ActorAsync(Guid id, CancellationToken cancellationToken) =>
        await views.VisibleAsync(id, User, cancellationToken) is { } application ? ApplicationViews.ActorFor(User, application) : null;

    /// <summary>The applicant signs a step's commitment (告知承诺书) through the API's own <see cref="CommitmentService"/>.</summary>
    /// <remarks>Window staff confirm that the walk-in citizen signed the paper (<paramref name="paperSigned"/>) before it is recorded.</remarks>
    public async Task<IActionResult> OnPostCommitmentAsync(Guid id, string? step, string? textSha256, bool paperSigned, CancellationToken cancellationToken)
    {
        if (await ActorAsync(id, cancellationToken) is not { } actor)
        {
            return NotFoundPage();
        }

        SubmissionOutcome outcome;
        using (FormMessages.InEnglish(PageText.Current.IsEnglishText))
        {
            outcome = actor.WalkInCitizen is not null && !paperSigned
                ? SubmissionOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["paperSigned-" + step] = [FormMessages.Say("请先请申请人在纸质承诺书上签字，再勾选确认", "Have the citizen sign the paper commitment first, then tick to confirm")],
                })
                : await commitments.SignAsync(id, step ?? "", textSha256, actor, cancellationToken);
        }

        if (outcome.Application is not null)
        {
            return Redirect($"{PageOf(id)}#step-{step}");
        }

        await LoadAsync(id, cancellationToken);
        Errors = outcome.Errors.ToDictionary();
        Response.StatusCode = Errors.ContainsKey("paperSigned-" + step) ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>The applicant withdraws the application (撤回申请) through the API's own <see cref="WithdrawalService"/>.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason, [FromServices] WithdrawalService withdrawals, CancellationToken cancellationToken)
    {
        if (await ActorAsync(id, cancellationToken) is not { } actor)
        {
            return NotFoundPage();
        }

        SubmissionOutcome outcome;
        using (FormMessages.InEnglish(PageText.Current.IsEnglishText))
        {
            outcome = reason is { Length: > WithdrawalService.ReasonLength }
                ? SubmissionOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["reason"] = [FormMessages.Say($"撤回原因不能超过 {WithdrawalService.ReasonLength} 个字", $"The reason may be at most {WithdrawalService.ReasonLength} characters")],
                })
                : await withdrawals.WithdrawAsync(id, reason, actor, cancellationToken);
        }

        if (outcome.Application is not null)
        {
            return Redirect($"{PageOf(id)}#withdrawn-note");
        }

        await LoadAsync(id, cancellationToken);
        Errors = outcome.Errors.ToDictionary();
        Response.StatusCode = outcome.Problem == SubmissionProblem.Closed ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>
    /// The applicant (or window staff for a walk-in citizen) changes the language of the e-mails and SMS, through the
    /// engine as the API's <c>PUT /api/applications/{id}/language</c> does; audited there.
    /// </summary>
    public async Task<IActionResult> OnPostLanguageAsync(Guid id, string? language, [FromServices] EngineProcessor engine, CancellationToken cancellationToken)
    {
        if (await ActorAsync(id, cancellationToken) is not { } actor)
        {
            return NotFoundPage();
        }

        if (!ApplicantLanguages.IsKnown(language))
        {
            await LoadAsync(id, cancellationToken);
            Errors = new Dictionary<string, string[]> { [LanguageText.Field] = [LanguageText.Current.Unknown] };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        return await engine.ChangeLanguageAsync(id, language!, actor, cancellationToken) is null
            ? NotFoundPage()
            : Redirect($"{PageOf(id)}?languageSaved=true#language");
    }

    /// <summary>The slip with a reissued query code (查询码补发), in the answer to the reissue only.</summary>
    public QueryCodeSlip? Slip { get; private set; }

    /// <summary>
    /// Window staff reissue a walk-in's query code (查询码补发) through the API's own <see cref="QueryCodeReissues"/>, after
    /// checking the citizen's identity document in person (<paramref name="identityChecked"/>). The answer is the printable
    /// slip with the new code, in this response only, as the intake's receipt: kept by no cache, and the same form sent
    /// again (<paramref name="reissueRequest"/>, a reload) replaces nothing and shows no code.
    /// </summary>
    public async Task<IActionResult> OnPostReissueCodeAsync(
        Guid id, bool identityChecked, string? reissueRequest, [FromServices] QueryCodeReissues reissues, CancellationToken cancellationToken)
    {
        if (await ActorAsync(id, cancellationToken) is not { WalkInCitizen: not null } actor)
        {
            return NotFoundPage();
        }

        if (!identityChecked)
        {
            await LoadAsync(id, cancellationToken);
            Errors = new Dictionary<string, string[]> { [QueryCodeReissueForm.Field] = [WindowText.Say(WindowEndpoints.IdentityNotChecked.Zh, WindowEndpoints.IdentityNotChecked.En)] };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (await reissues.ReissueAsync(id, actor, reissueRequest is { Length: <= 64 } ? reissueRequest : null, cancellationToken) is not { } reissued)
        {
            return NotFoundPage();
        }

        var definition = await definitions.GetAsync(reissued.Application.ServiceId, reissued.Application.ServiceVersion, cancellationToken);
        Application = await views.DetailAsync(reissued.Application, PageText.Current.IsEnglishText, cancellationToken);
        Service = definition;
        Slip = new QueryCodeSlip(
            id, reissued.Application.TrackingNumber, PageText.Current.Of(definition.Title), actor.WalkInCitizen, reissued.QueryCode, reissued.ReissuedAt,
            User.DisplayName() ?? User.Id(), PageOf(id));
        // Never kept by a cache or shown again from the browser's history: the code is in this response only.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>
    /// The applicant rates the ended application (好差评), or decided steps on their own (一事一评, from the rating form or
    /// one from its timeline entry while the application runs), through the API's own <see cref="RatingService"/>.
    /// </summary>
    public async Task<IActionResult> OnPostRateAsync(Guid id, int? level, string? comment, string? reason, [FromServices] RatingService rating, CancellationToken cancellationToken)
    {
        if (await ActorAsync(id, cancellationToken) is not { } actor)
        {
            return NotFoundPage();
        }

        var sent = new RatingInput(level, comment, reason, StepRatingsSent());
        RatingOutcome outcome;
        using (FormMessages.InEnglish(PageText.Current.IsEnglishText))
        {
            outcome = await rating.RateAsync(id, sent, actor, cancellationToken);
        }

        if (outcome.Rating is not null)
        {
            // Back to where the applicant rated: the step's timeline entry, or the rating.
            return Redirect($"{PageOf(id)}#{(OneStepRated() is { } rated ? "step-" + Uri.EscapeDataString(rated) : "rating")}");
        }

        await LoadAsync(id, cancellationToken);
        Errors = outcome.Errors.ToDictionary(e => e.Key.Length == 0 ? "" : "rating." + e.Key, e => e.Value);
        SentRating = sent;
        Response.StatusCode = outcome.Problem switch
        {
            RatingProblem.Conflict => StatusCodes.Status409Conflict,
            RatingProblem.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return Page();
    }

    /// <summary>
    /// The steps rated one by one (一事一评) in the rating form, by their fields <c>steps.&lt;id&gt;.level</c> and
    /// <c>.reason</c> (<see cref="RatingForm.StepField"/>); a step left at 不单独评价 (an empty level) is not rated.
    /// </summary>
    private StepRatingInput[] StepRatingsSent() =>
        OneStepRated() is { } one && string.IsNullOrWhiteSpace(Request.Form[RatingForm.StepField(one, "level")])
            // One step's form sent from its timeline entry with no level chosen: told so under that step.
            ? [new StepRatingInput(one, null, null, Request.Form[RatingForm.StepField(one, "reason")].ToString())]
            : [.. Request.Form.Keys
            .Select(k => (Key: k, Step: RatingForm.StepOfLevelField(k)))
            .Where(f => f.Step is not null)
            .Select(f => (Step: f.Step!, Level: Request.Form[f.Key].ToString()))
            .Where(s => !string.IsNullOrWhiteSpace(s.Level))
            .Select(s => new StepRatingInput(
                s.Step,
                int.TryParse(s.Level, NumberStyles.None, CultureInfo.InvariantCulture, out var stars) ? stars : null,
                null,
                Request.Form[RatingForm.StepField(s.Step, "reason")].ToString()))];

    /// <summary>The step whose own form (on its timeline entry) was sent, if it was one.</summary>
    private string? OneStepRated() => Request.Form[RatingForm.OneStepField].ToString() is { Length: > 0 } step ? step : null;

    /// <summary>The largest file the store takes for a material (the installation's cap for one the definition no longer lists).</summary>
    public long MaxBytesOf(MaterialSpec? material) =>
        material is null ? engine.Value.MaxMaterialBytes : MaterialLimits.MaxBytesOf(material, engine.Value.MaxMaterialBytes);

    /// <summary>A step's title in the visitor's language.</summary>
    public string StepTitle(StepDto step) => Progress?.StepTitle(step) ?? step.Title;

    /// <summary>A department's name in the visitor's language.</summary>
    public string DepartmentName(string? code) => ProgressView.DepartmentName(reference, code);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } visible)
        {
            return false;
        }

        // As the API's read does: a look by staff at the applicant's data is on the trail (the /applications/track lookup lands here too).
        await views.RecordViewAsync(visible, User, ApplicationViews.ViaPage, cancellationToken);
        Progress = await ProgressView.LoadAsync(visible, views, clocks, definitions, activities, PageText.Current.IsEnglishText, cancellationToken);
        Application = Progress.Application;
        Service = Progress.Service;
        Bundle = Progress.Bundle;
        BundleSummary = Progress.BundleSummary;
        Actor = ApplicationViews.ActorFor(User, visible);
        Slots = IsApplicant ? UploadSlot.AllOf(Application, Service) : [];
        FieldItems = IsApplicant
            ? Application.Supplements.SelectMany(r => r.Items).Where(i => i.Field is not null && Service.Fields.ContainsKey(i.Field))
                .GroupBy(i => i.Field!, StringComparer.Ordinal)
                .Select(g => (Service.Fields[g.Key], g.Select(i => i.Reason).ToArray(), g.First().Answer))
                .ToArray()
            : [];
        Rating = await ratings.GetAsync(id, cancellationToken);
        return true;
    }

    private PageResult NotFoundPage()
    {
        Application = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
