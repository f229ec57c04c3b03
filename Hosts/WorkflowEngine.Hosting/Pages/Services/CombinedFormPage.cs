using System.Globalization;
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
using WorkflowEngine.Hosting.Pages.Applications;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// A page showing a service's combined form (<c>_CombinedForm.cshtml</c>): the applicant's apply page and the window's
/// 受理台 render the same fields and materials from the definition, with the same browser attributes and the server's
/// messages by field after a refusal, and key their submissions alike (<see cref="SubmissionField"/>).
/// </summary>
public abstract class CombinedFormPage(DefinitionRegistry registry, TimeProvider time, IOptions<EngineOptions> engine) : PageModel
{
    /// <summary>The hidden field that carries the form's idempotency key.</summary>
    public const string SubmissionField = "submission";

    public WorkflowDefinition? Service { get; private set; }

    /// <summary>The definitions the form is generated from.</summary>
    protected DefinitionRegistry Registry => registry;

    /// <summary>This showing of the form, kept across a refusal: the key that makes sending it twice make one application.</summary>
    public string Submission => Guid.TryParseExact(Posted?[SubmissionField].ToString(), "N", out var posted) ? posted.ToString("N") : _fresh;

    private readonly string _fresh = Guid.NewGuid().ToString("N");

    /// <summary>What was posted, to fill the form again after a refusal.</summary>
    public IFormCollection? Posted { get; protected set; }

    /// <summary>The refusal's messages by field (<c>form.&lt;key&gt;</c>, <c>materials.&lt;key&gt;</c>, or "" for the whole).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; protected set; } = new Dictionary<string, string[]>();

    /// <summary>Today in Asia/Shanghai: a date field's <c>today</c> bound.</summary>
    public DateOnly Today { get; private set; }

    /// <summary>Where the browser sends the answers to be judged as they are typed (<c>apply-form.js</c>).</summary>
    public abstract string CheckUrl { get; }

    /// <summary>
    /// The form's own idempotency key (<see cref="SubmissionField"/>, made when the page was shown) over what was posted:
    /// a second click, or the browser sending the form again, gets the application the first made instead of a second
    /// one. A refused submission leaves the key unused, so the corrected form goes ahead under it. The files are read
    /// here, before the uploads open them: a buffered file reads from one position.
    /// </summary>
    protected async Task<IdempotencyKey?> IdempotencyAsync(System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken) =>
        Guid.TryParseExact(Request.Form[SubmissionField].ToString(), "N", out var submission)
            ? new IdempotencyKey("page-" + submission.ToString("N"), await SubmissionFingerprint.ComputeAsync(body, Request.Form.Files, cancellationToken))
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

    /// <summary>What a field shows before anything is posted (the applicant's own contacts), by field key; once posted, what was posted stands.</summary>
    protected IReadOnlyDictionary<string, string> Offered { get; set; } = new Dictionary<string, string>();

    public StringValues PostedValue(FormField field) =>
        Posted is null && Offered.TryGetValue(field.Key, out var offered) ? offered : PostedText(PostedForm.FieldPrefix + field.Key);

    /// <summary>Under a field filled from the applicant's account (<see cref="Offered"/>), the note that says so and that it may be changed; null elsewhere.</summary>
    public string? OfferedNote(FormField field) =>
        Posted is null && Offered.ContainsKey(field.Key)
            ? field.Type == FieldType.Email ? ApplicantText.Current.OfferedEmail : ApplicantText.Current.OfferedPhone
            : null;

    /// <summary>What was posted in one field, to show it again.</summary>
    public StringValues PostedText(string name) => Posted?[name] ?? StringValues.Empty;

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

    protected async Task<bool> LoadAsync(string key, CancellationToken cancellationToken)
    {
        Service = await registry.GetLatestPublishedAsync(key, cancellationToken);
        Today = ChinaTime.DateOf(time.GetUtcNow());
        return Service is not null;
    }

    /// <summary>
    /// The start of every post: the service loaded and what was posted kept. A page to answer with at once (no such
    /// service, too many files), or null to go on. Messages in the language of <see cref="FormMessages"/>.
    /// </summary>
    protected async Task<IActionResult?> ReadPostAsync(string key, RequestLimits limits, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFoundPage();
        }

        Posted = Request.Form;
        if (MaterialUploads.TooMany(Request.Form.Files, limits) is { } tooMany)
        {
            Errors = new Dictionary<string, string[]> { [""] = [tooMany] };
            return Refused();
        }

        return null;
    }

    protected PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    protected PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
