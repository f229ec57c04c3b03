using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// One combined form for a service, generated from its definition: a field per form field, a file input per material.
/// The server judges it with the API's own validation (<see cref="ApplicationService"/>); the browser checks what the
/// same field definitions give as HTML attributes and, with script, sends the answers to the same validation as each
/// field is left (<see cref="ApplyCheckModel"/>). Errors stand next to their fields and, linked, at the top. A material
/// that only some answers call for says so in words, and the script hides it while the answers do not.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ApplyModel(
    DefinitionRegistry registry, ApplicationService applications, TimeProvider time, IOptions<RequestLimits> limits, IOptions<EngineOptions> engine) : PageModel
{
    /// <summary>The hidden field that carries the form's idempotency key.</summary>
    public const string SubmissionField = "submission";

    public WorkflowDefinition? Service { get; private set; }

    /// <summary>This showing of the form, kept across a refusal: the key that makes sending it twice make one application.</summary>
    public string Submission => Guid.TryParseExact(Posted?[SubmissionField].ToString(), "N", out var posted) ? posted.ToString("N") : _fresh;

    private readonly string _fresh = Guid.NewGuid().ToString("N");

    /// <summary>What was posted, to fill the form again after a refusal.</summary>
    public IFormCollection? Posted { get; private set; }

    /// <summary>The refusal's messages by field (<c>form.&lt;key&gt;</c>, <c>materials.&lt;key&gt;</c>, or "" for the whole).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Today in Asia/Shanghai: a date field's <c>today</c> bound.</summary>
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken) =>
        await LoadAsync(key, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFoundPage();
        }

        Posted = Request.Form;
        // The judgement of the form and the files in the page's language (the API's stays Chinese).
        using var language = FormMessages.InEnglish(PageText.Current.IsEnglishText);
        if (MaterialUploads.TooMany(Request.Form.Files, limits.Value) is { } tooMany)
        {
            Errors = new Dictionary<string, string[]> { [""] = [tooMany] };
            return Refused();
        }

        var form = PostedForm.Read(Service!, Request.Form);
        // The files are read for the fingerprint before the uploads open them: a buffered file reads from one position.
        var idempotency = await IdempotencyAsync(key, form, cancellationToken);
        var outcome = await applications.SubmitAsync(
            key, form, MaterialUploads.Of(Request.Form.Files), new Applicant(User.Id(), User.DisplayName()), idempotency, cancellationToken);
        if (outcome.Application is { } application)
        {
            return Redirect($"/applications/{application.Id}/receipt");
        }

        Errors = outcome.Errors;
        return Refused();
    }

    /// <summary>
    /// The form's own idempotency key (<see cref="SubmissionField"/>, made when the page was shown): a second click, or
    /// the browser sending the form again, gets the application the first made instead of a second one. A refused
    /// submission leaves the key unused, so the corrected form goes ahead under it.
    /// </summary>
    private async Task<IdempotencyKey?> IdempotencyAsync(string key, System.Text.Json.Nodes.JsonObject form, CancellationToken cancellationToken) =>
        Guid.TryParseExact(Request.Form[SubmissionField].ToString(), "N", out var submission)
            ? new IdempotencyKey(
                "page-" + submission.ToString("N"),
                await SubmissionFingerprint.ComputeAsync(new() { ["serviceId"] = key, ["form"] = form.DeepClone() }, Request.Form.Files, cancellationToken))
            : null;

    /// <summary>The conditions in words under which only the material is needed (as the one-time notice words them), or null when it always is.</summary>
    public string? ConditionOf(MaterialSpec material) =>
        MaterialConditions.Describe(Service!, material, PageText.Current.IsEnglishText ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN"));

    /// <summary>Whether the answers shown (none yet, or those posted) call for the material: a script hides it while they do not.</summary>
    public bool IsNeeded(MaterialSpec material) =>
        (_needed ??= MaterialConditions.Of(Service!, Posted is null ? null : FormNormalizer.Normalize(Service!, PostedForm.Read(Service!, Posted))))
        .GetValueOrDefault(material.Key, true);

    private IReadOnlyDictionary<string, bool>? _needed;

    /// <summary>
    /// Whether the flow cannot start without the material whenever the answers call for it: required, and not one that
    /// may come later (容缺). Such a material is required in the browser while the answers call for it.
    /// </summary>
    public static bool IsMandatory(MaterialSpec material) => material.Required && material.Deferrable is null;

    /// <summary>Whether the material is required for the answers shown: the script keeps it so as the answers change.</summary>
    public bool IsRequiredNow(MaterialSpec material) => IsMandatory(material) && IsNeeded(material);

    /// <summary>The largest file the store takes for the material, checked in the browser as the file is chosen.</summary>
    public long MaxBytesOf(MaterialSpec material) => MaterialLimits.MaxBytesOf(material, engine.Value.MaxMaterialBytes);

    /// <summary>The messages for one field or material, in the order the validator gave them.</summary>
    public IReadOnlyList<string> ErrorsOf(string name) => Errors.TryGetValue(name, out var messages) ? messages : [];

    public StringValues PostedValue(FormField field) => Posted?[PostedForm.FieldPrefix + field.Key] ?? StringValues.Empty;

    /// <summary>The most characters the server takes for the field, as the browser's <c>maxlength</c>.</summary>
    public static int? MaxLengthOf(FormField field) => FieldLimits.MaxLengthOf(field);

    /// <summary>A date field's bound as the browser's <c>min</c> or <c>max</c>.</summary>
    public string? DateBound(string? bound) => bound switch
    {
        null => null,
        "today" => Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => bound,
    };

    public static string? Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        Service = await registry.GetLatestPublishedAsync(key, cancellationToken);
        Today = ChinaTime.DateOf(time.GetUtcNow());
        return Service is not null;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
