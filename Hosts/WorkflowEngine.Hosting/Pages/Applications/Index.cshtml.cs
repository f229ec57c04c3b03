using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>The signed-in applicant's own applications, newest first, each with its status and due time.</summary>
[Authorize(Policy = Policies.ApplicantPages)]
public sealed class IndexModel(IApplicationQueries queries, DefinitionRegistry definitions, ApplicationViews views) : PageModel
{
    /// <summary>As many as one page shows; the API pages through more.</summary>
    private const int Shown = 100;

    public IReadOnlyList<ApplicationSummaryDto> Applications { get; private set; } = [];

    /// <summary>Each service's title in the visitor's language, by service id.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Applications = await views.SummariesAsync(await queries.ListByApplicantAsync(User.Id(), Shown, 0, cancellationToken), PageText.Current.IsEnglishText, cancellationToken);
        var text = PageText.Current;
        Titles = (await definitions.ListLatestPublishedAsync(cancellationToken)).ToDictionary(d => d.Id, d => text.Of(d.Title), StringComparer.Ordinal);
    }
}
