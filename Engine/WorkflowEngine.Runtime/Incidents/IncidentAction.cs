namespace WorkflowEngine.Runtime.Incidents;

/// <summary>What an administrator does about an open incident.</summary>
public enum IncidentAction
{
    /// <summary>Run the held events again (after a fix was published, optionally on a newer definition version).</summary>
    Retry,

    /// <summary>End the application as cancelled, with a reason the applicant is told.</summary>
    Cancel,
}
