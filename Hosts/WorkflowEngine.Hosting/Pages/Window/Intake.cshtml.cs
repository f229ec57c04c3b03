using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Pages.Services;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Window;

/// <summary>
/// The 受理台 of one service: the citizen's block (name, identity document and number, phone) and the service's combined
/// form with its materials on one page, submitted through the API's own path (<see cref="WindowSubmissions"/>), so the
/// citizen's errors and the form's come back together, each by its field and summarised at the top. Accepted, the
/// answer is the printable receipt with the query code, in this response only: the code is in no URL and nowhere
/// stored readable, and the browser sending the form again (a reload) gets the same application without it.
/// </summary>
[Authorize(Policy = Policies.Window)]
public sealed class IntakeModel(
    DefinitionRegistry registry,
    WindowSubmissions window,
    ApplicationViews views,
    ActivityRegistry activities,
    ReferenceData reference,
    TimeProvider time,
    IOptions<RequestLimits> limits,
    IOptions<EngineOptions> engine) : CombinedFormPage(registry, time, engine)
{
    /// <summary>The applicant block's fields in the order the page shows them (the API's <c>applicant</c> object).</summary>
    public static readonly IReadOnlyList<string> ApplicantFields = ["name", "idType", "idNumber", "phone"];

    public override string CheckUrl => $"/window/services/{Service!.Id}/check";

    /// <summary>The receipt, once the submission was accepted.</summary>
    public WindowReceipt? Receipt { get; private set; }

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken) =>
        await LoadAsync(key, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        var english = PageText.Current.IsEnglishText;
        using var language = FormMessages.InEnglish(english);
        if (await ReadPostAsync(key, limits.Value, cancellationToken) is { } early)
        {
            return early;
        }

        var form = PostedForm.Read(Service!, Request.Form);
        var applicant = ApplicantBlock(Request.Form);
        var messages = Request.Form[Applications.LanguageText.Field].ToString() is { Length: > 0 } chosen ? chosen : ApplicantLanguages.Of(english);
        if (!ApplicantLanguages.IsKnown(messages))
        {
            Errors = new Dictionary<string, string[]> { [Applications.LanguageText.Field] = [Applications.LanguageText.Current.Unknown] };
            return Refused();
        }

        var idempotency = await IdempotencyAsync(new() { ["serviceId"] = key, ["form"] = form.DeepClone(), ["applicant"] = applicant.DeepClone() }, cancellationToken);
        var submission = await window.SubmitAsync(User, key, form, applicant, MaterialUploads.Of(Request.Form.Files), idempotency, messages, cancellationToken);
        if (submission.Outcome.Application is not { } application)
        {
            Errors = submission.Outcome.Errors;
            return Refused();
        }

        var definition = await Registry.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        Receipt = new WindowReceipt(
            await views.SubmittedAsync(application, english, cancellationToken),
            PageText.Current.Of(definition.Title),
            submission.QueryCode,
            application.ApplicantName ?? submission.Applicant!.Name,
            submission.Applicant!.IdType,
            WindowText.Masked(submission.Applicant.IdNumber),
            Steps(NoticeStep.Of(definition, activities, reference, PageText.Current)).ToArray(),
            definition.Materials.ToDictionary(m => m.Key, m => PageText.Current.Of(m.Name), StringComparer.Ordinal),
            User.DisplayName() ?? User.Id());

        // Never kept by a cache or shown again from the browser's history: the code is in this response only.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    /// <summary>The applicant block as posted (<c>applicant.&lt;field&gt;</c>), as the API's <c>applicant</c> object.</summary>
    public static JsonObject ApplicantBlock(Microsoft.AspNetCore.Http.IFormCollection posted)
    {
        var block = new JsonObject();
        foreach (var field in ApplicantFields)
        {
            if (posted[WindowText.ApplicantPrefix + field].ToString() is { Length: > 0 } value)
            {
                block[field] = value;
            }
        }

        return block;
    }

    /// <summary>The steps a department carries out, in the order of the flow.</summary>
    private static IEnumerable<NoticeStep> Steps(NoticeStep node) =>
        node.Kind == NoticeStepKind.Step ? (node.Department is null ? [] : [node]) : node.Children.SelectMany(Steps);
}
