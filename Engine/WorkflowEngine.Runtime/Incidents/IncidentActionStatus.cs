namespace WorkflowEngine.Runtime.Incidents;

/// <summary>How an action on an incident ended.</summary>
public enum IncidentActionStatus
{
    /// <summary>Carried out; the incident says how it stands now (resolved, or open again with the new error).</summary>
    Done,

    NotFound,

    /// <summary>Not allowed as asked (not open, an unknown or incompatible version); the problem says why.</summary>
    Refused,
}
