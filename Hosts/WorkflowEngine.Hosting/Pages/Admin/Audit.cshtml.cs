using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Compliance;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// An application's audit trail, line by line, and whether its hash chain verifies: the API's own trail and check; and
/// each decided department step's figures as its department reported them beside the engine's recomputation. Each line
/// names who acted as an audit does: the person's name with the account (张三（samr-clerk）), or the account alone where
/// this host's directory has no name for it (a department's own system, a service, the engine itself).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AuditModel(ApplicationViews views, IStepReportQueries reports, ReferenceData reference, IDirectoryStore directory) : PageModel
{
    /// <summary>The names of the trail's actors, read once for the page.</summary>
    public UserNames Names { get; private set; } = UserNames.None;

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
        Names = await UserNames.ReadAsync(directory, Trail.Entries.Select(e => e.Actor), cancellationToken);
        Compliance = ApplicationComplianceDto.From(Application, await reports.ForApplicationAsync(Application.Id, cancellationToken), reference);
        return Page();
    }

    /// <summary>Who acted on a line: name and account where the directory names them, else the account; "—" for nobody.</summary>
    public string Actor(string? id) => id is null ? "—" : Names.Of(id) is var name && name != id ? AdminText.Say($"{name}（{id}）", $"{name} ({id})") : id;
}
