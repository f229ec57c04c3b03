using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The window staff's list of applications taken in at a window and not yet decided, any staff member's (shifts
/// change): those waiting for the citizen (a supplement request, a material accepted to come later, a commitment to
/// sign) first, each saying what and by when; and a look-up by tracking number, which opens the application's page
/// for staff. The citizen's identity number is kept only in the audit trail's intake line, so it is not searched.
/// </summary>
[Authorize(Policy = Policies.Window)]
public sealed class WalkInsModel(IApplicationQueries queries, DefinitionRegistry definitions, ApplicationViews views) : PageModel
{
    /// <summary>As many as the page shows, oldest first: the counter works through them by age.</summary>
    private const int Shown = 200;

    /// <summary>The applications waiting for their citizen, each with what is needed.</summary>
    public IReadOnlyList<(ApplicationRecord Application, IReadOnlyList<ApplicantAction> Actions)> Waiting { get; private set; } = [];

    /// <summary>The other applications in progress.</summary>
    public IReadOnlyList<ApplicationRecord> Others { get; private set; } = [];

    /// <summary>Each service's title in the visitor's language, by service id.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; private set; } = new Dictionary<string, string>();

    [BindProperty(SupportsGet = true)]
    public string? TrackingNumber { get; set; }

    /// <summary>Why the look-up found nothing, shown next to its field.</summary>
    public string? SearchError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var words = WalkInText.Current;
        if (TrackingNumber is not null)
        {
            var number = Api.Window.TrackingNumbers.Normalize(TrackingNumber);
            if (number.Length == 0)
            {
                SearchError = words.TrackingNumberMissing;
            }
            else if (number.Length <= Api.Window.TrackingNumbers.MaxLength && await queries.FindByTrackingNumberAsync(number, cancellationToken) is { IsWalkIn: true } found)
            {
                return Redirect($"{TrackingModel.WindowPath}/{found.Id}");
            }
            else
            {
                // An online application's number says nothing more than an unknown one.
                SearchError = words.NotFound;
            }
        }

        var english = PageText.Current.IsEnglishText;
        var waiting = new List<(ApplicationRecord, IReadOnlyList<ApplicantAction>)>();
        var others = new List<ApplicationRecord>();
        foreach (var record in await queries.ListOpenWalkInsAsync(Shown, cancellationToken))
        {
            var detail = await views.DetailAsync(record, english, cancellationToken);
            var service = await definitions.GetAsync(record.ServiceId, record.ServiceVersion, cancellationToken);
            if (ApplicantAction.Of(detail, service, TrackingModel.WindowPath) is { Count: > 0 } needed)
            {
                waiting.Add((record, needed));
            }
            else
            {
                others.Add(record);
            }
        }

        Waiting = waiting;
        Others = others;
        var text = PageText.Current;
        Titles = (await definitions.ListLatestPublishedAsync(cancellationToken)).ToDictionary(d => d.Id, d => text.Of(d.Title), StringComparer.Ordinal);
        return Page();
    }
}
