using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Pages.Services;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Window;

/// <summary>
/// The 受理台's answers judged as they are typed, as the apply page's check does (<see cref="ApplyCheckModel"/>), with
/// the citizen's block judged by the rules a submission at the window applies (<see cref="WalkInApplicantInput"/>).
/// Nothing is stored.
/// </summary>
[Authorize(Policy = Policies.Window)]
public sealed class IntakeCheckModel(DefinitionRegistry registry, ApplicationService applications, TimeProvider time) : PageModel
{
    public async Task<IActionResult> OnPostAsync(string key, CancellationToken cancellationToken)
    {
        if (await registry.GetLatestPublishedAsync(key, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        using var language = FormMessages.InEnglish(PageText.Current.IsEnglishText);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WalkInApplicantInput.Read(IntakeModel.ApplicantBlock(Request.Form), time.GetUtcNow(), errors);
        var check = applications.CheckForm(service, PostedForm.Read(service, Request.Form));
        foreach (var (field, messages) in check.Errors)
        {
            errors.TryAdd(field, messages);
        }

        return new JsonResult(new { errors, materials = check.Materials });
    }

    /// <summary>Nothing to show: the form is on the 受理台.</summary>
    public IActionResult OnGet(string key) => Redirect($"/window/services/{Uri.EscapeDataString(key)}");
}
