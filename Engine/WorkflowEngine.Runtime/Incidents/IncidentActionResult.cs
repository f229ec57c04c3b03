namespace WorkflowEngine.Runtime.Incidents;

/// <summary>What came of an administrator's action on an incident.</summary>
public sealed record IncidentActionResult(IncidentActionStatus Status, IncidentRecord? Incident, string? Problem)
{
    public static IncidentActionResult Done(IncidentRecord incident) => new(IncidentActionStatus.Done, incident, null);

    public static IncidentActionResult NotFound(string problem) => new(IncidentActionStatus.NotFound, null, problem);

    public static IncidentActionResult Refused(IncidentRecord incident, string problem) => new(IncidentActionStatus.Refused, incident, problem);
}
