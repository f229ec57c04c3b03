using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The rules of retrying and cancelling an incident, shared by the incidents API and the administrator's page.</summary>
public static class IncidentResolution
{
    public const int MaxReasonLength = 500;

    /// <summary>Why a cancellation's reason is refused (it is told to the applicant); null when it will do.</summary>
    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "终止办理须写明理由，理由会告知申请人"
        : reason.Length > MaxReasonLength ? $"理由最多 {MaxReasonLength} 字"
        : null;

    /// <summary>Retries or cancels an open incident through the engine; null when there is no such incident.</summary>
    public static async Task<IncidentActionResult?> ResolveAsync(
        Guid id, IncidentAction action, int? version, string? reason, string actor, IIncidentQueries incidents, EngineProcessor engine, CancellationToken cancellationToken)
    {
        if (await incidents.GetAsync(id, cancellationToken) is not { } incident)
        {
            return null;
        }

        if (incident.Status != IncidentStatuses.Open)
        {
            return IncidentActionResult.Refused(incident, $"该异常已处理（{incident.Status}）");
        }

        return await engine.ResolveIncidentAsync(incident.ApplicationId, id, action, version, actor, reason?.Trim(), cancellationToken);
    }
}
