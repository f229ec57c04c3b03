using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>The administrator's start: what waits for attention (open incidents, failed messages, drafts) and where each task lives.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(IDefinitionStore definitions, IIncidentQueries incidents, IFailedMessageStore failed, IRatingStore ratings, INotificationDeliveryStore notices) : PageModel
{
    /// <summary>The most of a list the counts look at; beyond it the page says "at least".</summary>
    public const int CountLimit = 500;

    public int Services { get; private set; }

    public int Drafts { get; private set; }

    public int OpenIncidents { get; private set; }

    public int FailedMessages { get; private set; }

    /// <summary>E-mails and SMS to applicants given up.</summary>
    public int FailedNotices { get; private set; }

    /// <summary>Bad ratings (差评), overall and per step, no administrator has followed up yet: each is one follow-up to write.</summary>
    public int OpenRatings { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var versions = await definitions.ListAsync(cancellationToken);
        Services = versions.Select(v => v.Id).Distinct().Count();
        Drafts = versions.Count(v => v.Status == DefinitionStatuses.Draft);
        OpenIncidents = await incidents.CountOpenAsync(cancellationToken);
        FailedMessages = (await failed.ListAsync(false, CountLimit, 0, cancellationToken)).Count;
        FailedNotices = (await notices.ListAsync(DeliveryStatuses.Failed, CountLimit, 0, cancellationToken)).Count;
        OpenRatings = await ratings.CountAwaitingFollowUpAsync(cancellationToken);
    }
}
