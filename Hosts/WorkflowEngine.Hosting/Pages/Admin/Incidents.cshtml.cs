using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// Applications whose execution failed, held for an administrator: retry them (optionally on another published
/// version) or cancel them with a reason the applicant reads, under the incidents API's own rules.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IncidentsModel(IIncidentQueries incidents, IApplicationQueries applications, EngineProcessor engine) : PageModel
{
    /// <summary>The most incidents the page lists.</summary>
    public const int MaxIncidents = 200;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public IReadOnlyList<(IncidentRecord Incident, ApplicationRecord? Application)> Incidents { get; private set; } = [];

    /// <summary>What was just done, to confirm.</summary>
    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostRetryAsync(Guid incident, string? migrateToVersion, CancellationToken cancellationToken)
    {
        int? version = null;
        if (!string.IsNullOrWhiteSpace(migrateToVersion))
        {
            if (int.TryParse(migrateToVersion, out var v) && v > 0)
            {
                version = v;
            }
            else
            {
                ModelState.AddModelError(FieldId("version", incident), AdminText.Say(
                    "版本号应为已发布的版本（正整数），或留空按原版本重试", "The version must be a published version (a positive whole number), or left empty to retry on the same one"));
            }
        }

        if (ModelState.IsValid)
        {
            await ActAsync(incident, IncidentAction.Retry, version, null, cancellationToken);
        }

        await LoadAsync(cancellationToken);
    }

    public async Task OnPostCancelAsync(Guid incident, string? reason, CancellationToken cancellationToken)
    {
        if (IncidentResolution.ReasonProblem(reason) is { } problem)
        {
            ModelState.AddModelError(FieldId("reason", incident), problem);
        }
        else
        {
            await ActAsync(incident, IncidentAction.Cancel, null, reason, cancellationToken);
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>The id of one incident's input, unique on the page.</summary>
    public static string FieldId(string name, Guid incident) => $"{name}-{incident:N}";

    private async Task ActAsync(Guid id, IncidentAction action, int? version, string? reason, CancellationToken cancellationToken)
    {
        var result = await IncidentResolution.ResolveAsync(id, action, version, reason, User.Id(), incidents, engine, cancellationToken);
        if (result is { Status: IncidentActionStatus.Done, Incident: { } incident })
        {
            Done = incident.Status switch
            {
                IncidentStatuses.Resolved => AdminText.Say("已重试，办件继续办理。", "Retried: the application goes on."),
                IncidentStatuses.Cancelled => AdminText.Say("已终止办理，理由已告知申请人。", "Cancelled: the applicant has been told why."),
                _ => AdminText.Say($"已重试，但再次出错：{incident.Error}", $"Retried, but it failed again: {incident.Error}"),
            };
        }
        else
        {
            Problem = result?.Problem ?? AdminText.Say("没有这个异常", "There is no such incident");
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Status = Status is { } s && IncidentStatuses.Filters.Contains(s) ? s : IncidentStatuses.Open;
        var list = await incidents.ListAsync(Status, MaxIncidents, 0, cancellationToken);
        var rows = new List<(IncidentRecord, ApplicationRecord?)>(list.Count);
        foreach (var incident in list)
        {
            rows.Add((incident, await applications.GetAsync(incident.ApplicationId, cancellationToken)));
        }

        Incidents = rows;
    }

    public static string StatusText(string status) => status switch
    {
        IncidentStatuses.Open => AdminText.Say("待处理", "Open"),
        IncidentStatuses.Resolved => AdminText.Say("已重试解决", "Resolved"),
        IncidentStatuses.Cancelled => AdminText.Say("已终止办理", "Cancelled"),
        "all" => AdminText.Say("全部", "All"),
        _ => status,
    };
}
