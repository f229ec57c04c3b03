using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The signed-in applicant's own applications, each with its status and due time: those waiting on the applicant
/// (a supplement request, a material accepted as coming later, a commitment to sign) first, each saying what is needed
/// and linking to where it is done, then the rest newest first.
/// </summary>
[Authorize(Policy = Policies.ApplicantPages)]
public sealed class IndexModel(IApplicationQueries queries, DefinitionRegistry definitions, ApplicationViews views) : PageModel
{
    /// <summary>As many as one page shows; the API pages through more.</summary>
    private const int Shown = 100;

    public IReadOnlyList<ApplicationSummaryDto> Applications { get; private set; } = [];

    /// <summary>Each service's title in the visitor's language, by service id.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    /// <summary>What each application waits on its applicant for, by application id; absent where nothing.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<ApplicantAction>> Actions { get; private set; } = new Dictionary<Guid, IReadOnlyList<ApplicantAction>>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var english = PageText.Current.IsEnglishText;
        var records = await queries.ListByApplicantAsync(User.Id(), Shown, 0, cancellationToken);
        var actions = new Dictionary<Guid, IReadOnlyList<ApplicantAction>>();
        // Only an open application can wait on its applicant; each is read as its progress page reads it.
        foreach (var record in records.Where(r => !ApplicationStatuses.IsFinished(r.Status)))
        {
            var detail = await views.DetailAsync(record, english, cancellationToken);
            var service = await definitions.GetAsync(record.ServiceId, record.ServiceVersion, cancellationToken);
            if (ApplicantAction.Of(detail, service) is { Count: > 0 } needed)
            {
                actions[record.Id] = needed;
            }
        }

        Actions = actions;
        // A stable sort: the newest first within each group, as the store lists them.
        Applications = [.. (await views.SummariesAsync(records, english, cancellationToken)).OrderBy(a => actions.ContainsKey(a.Id) ? 0 : 1)];
        var text = PageText.Current;
        Titles = (await definitions.ListLatestPublishedAsync(cancellationToken)).ToDictionary(d => d.Id, d => text.Of(d.Title), StringComparer.Ordinal);
    }
}
