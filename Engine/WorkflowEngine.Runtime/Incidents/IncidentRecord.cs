using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Runtime.Incidents;

/// <summary>
/// An error while executing an application: the application waits (status <c>incident</c>) with the event that failed
/// and every event that arrived since, until an administrator retries or cancels it.
/// </summary>
public sealed class IncidentRecord
{
    public required Guid Id { get; init; }

    public required Guid ApplicationId { get; init; }

    public required string Status { get; set; }

    /// <summary>The step being executed when the error happened; null when it was not tied to one (e.g. the definition did not load).</summary>
    public string? StepId { get; set; }

    public required string Error { get; set; }

    public required string ErrorType { get; set; }

    public required DateTimeOffset RaisedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>How often executing failed: once when raised, once more for every retry that failed again.</summary>
    public int Attempts { get; set; } = 1;

    /// <summary>The events held back, oldest first: the one that failed, then those that arrived while it waited.</summary>
    public required List<ParkedEvent> Events { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    /// <summary>How it ended: retried (and on which definition version), or the application cancelled and why.</summary>
    public string? Resolution { get; set; }
}
