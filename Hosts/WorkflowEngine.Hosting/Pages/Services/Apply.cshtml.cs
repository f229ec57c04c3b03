using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

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
    DefinitionRegistry registry, ApplicationService applications, TimeProvider time, IOptions<RequestLimits> limits, IOptions<EngineOptions> engine)
    : CombinedFormPage(registry, time, engine)
{
    public override string CheckUrl => $"/services/{Service!.Id}/apply/check";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken) =>
        await LoadAsync(key, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        // The judgement of the form and the files in the page's language (the API's stays Chinese).
        using var language = FormMessages.InEnglish(PageText.Current.IsEnglishText);
        if (await ReadPostAsync(key, limits.Value, cancellationToken) is { } early)
        {
            return early;
        }

        var form = PostedForm.Read(Service!, Request.Form);
        var idempotency = await IdempotencyAsync(new() { ["serviceId"] = key, ["form"] = form.DeepClone() }, cancellationToken);
        // The applicant is written to in the language they applied in; the progress page changes it.
        var applicant = new Applicant(User.Id(), User.DisplayName(), Language: ApplicantLanguages.Of(PageText.Current.IsEnglishText));
        var outcome = await applications.SubmitAsync(key, form, MaterialUploads.Of(Request.Form.Files), applicant, idempotency, cancellationToken);
        if (outcome.Application is { } application)
        {
            return Redirect($"/applications/{application.Id}/receipt");
        }

        Errors = outcome.Errors;
        return Refused();
    }
}
