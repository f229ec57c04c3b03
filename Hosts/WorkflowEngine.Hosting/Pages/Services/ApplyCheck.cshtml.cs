using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// The apply page's answers judged as they are typed (<c>wwwroot/js/apply-form.js</c>): the form's fields, posted as
/// the page posts them but without files, go through the very validation a submission goes through
/// (<see cref="ApplicationService.CheckForm"/>), and the answer is JSON: the messages by field (<c>form.&lt;key&gt;</c>) in
/// the page's language, and which materials the answers call for. Nothing is stored. The page's own anti-forgery token
/// is required, as for every page's post; the body is a URL-encoded form of at most <c>Limits:JsonBodyBytes</c>.
/// </summary>
[Authorize(Policy = Policies.Applicant)]
public sealed class ApplyCheckModel(DefinitionRegistry registry, ApplicationService applications) : PageModel
{
    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        if (await registry.GetLatestPublishedAsync(key, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        using var language = FormMessages.InEnglish(PageText.Current.IsEnglishText);
        var check = applications.CheckForm(service, PostedForm.Read(service, Request.Form));
        return new JsonResult(new { errors = check.Errors, materials = check.Materials });
    }

    /// <summary>Nothing to show: the form is on the apply page.</summary>
    public IActionResult OnGet(string key) => Redirect($"/services/{Uri.EscapeDataString(key)}/apply");
}
