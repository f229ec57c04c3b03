using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Users;

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
    DefinitionRegistry registry, ApplicationService applications, IApplicantContacts contacts, TimeProvider time, IOptions<RequestLimits> limits,
    IOptions<EngineOptions> engine)
    : CombinedFormPage(registry, time, engine)
{
    public override string CheckUrl => $"/services/{Service!.Id}/apply/check";

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(key, cancellationToken))
        {
            return NotFoundPage();
        }

        Offered = OfferedContacts(Service!, await contacts.FindAsync(User.Id(), cancellationToken));
        return Page();
    }

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

    /// <summary>
    /// A self-registered applicant's proven mobile number in the form's first phone field and their e-mail in its first
    /// e-mail field, as a portal fills in what it already knows; both stay editable (a company's contact may be another).
    /// </summary>
    private static Dictionary<string, string> OfferedContacts(WorkflowDefinition service, ApplicantContact? contact)
    {
        var offered = new Dictionary<string, string>(StringComparer.Ordinal);
        if (contact is null)
        {
            return offered;
        }

        if (service.Form.FirstOrDefault(f => f.Type == FieldType.Phone) is { } phone)
        {
            offered[phone.Key] = contact.Mobile;
        }

        if (contact.Email is { Length: > 0 } email && service.Form.FirstOrDefault(f => f.Type == FieldType.Email) is { } mail)
        {
            offered[mail.Key] = email;
        }

        return offered;
    }
}
