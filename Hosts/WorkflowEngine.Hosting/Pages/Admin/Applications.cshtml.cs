using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>Finds an application by its tracking number, to open its audit trail.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class ApplicationsModel(IApplicationQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? TrackingNumber { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(TrackingNumber))
        {
            return Page();
        }

        if (await queries.FindByTrackingNumberAsync(Api.Window.TrackingNumbers.Normalize(TrackingNumber), cancellationToken) is { } application)
        {
            return Redirect($"/admin/applications/{application.Id}/audit");
        }

        ModelState.AddModelError(nameof(TrackingNumber), AdminText.Say($"没有受理编号为“{TrackingNumber.Trim()}”的办件", $"No application has the tracking number \"{TrackingNumber.Trim()}\""));
        return Page();
    }
}
