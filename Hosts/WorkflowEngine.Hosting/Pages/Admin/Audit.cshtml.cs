using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Compliance;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// An application's audit trail, line by line, and whether its hash chain verifies: the API's own trail and check; and
/// each decided department step's figures as its department reported them beside the engine's recomputation.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(ApplicationViews views, IStepReportQueries reports, ReferenceData reference) : PageModel
{
    public ApplicationRecord? Application { get; private set; }

    public AuditTrailDto? Trail { get; private set; }

    public ApplicationComplianceDto? Compliance { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Application = await views.VisibleAsync(id, User, cancellationToken);
        if (Application is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Trail = await views.AuditTrailAsync(Application, cancellationToken);
        Compliance = ApplicationComplianceDto.From(Application, await reports.ForApplicationAsync(Application.Id, cancellationToken), reference);
        return Page();
    }
}
