namespace WorkflowEngine.Runtime.Applications;

/// <summary>The engine's row for a tracked step of an application: dispatch, due, completion and compliance.</summary>
public sealed record StepRecord
{
    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required string Kind { get; init; }

    public string? Department { get; init; }

    public required string Title { get; init; }

    public required string Status { get; init; }

    public int Attempt { get; init; }

    public DateTimeOffset? DispatchedAt { get; init; }

    public DateTimeOffset? DueAt { get; init; }

    /// <summary>While the step runs: when it turns yellow (its warning share of the promised limit used), as its clock reads now.</summary>
    public DateTimeOffset? WarnAt { get; init; }

    /// <summary>While the step runs and has a statutory limit: when that limit is used up (red against it), as its clock reads now.</summary>
    public DateTimeOffset? StatutoryDueAt { get; init; }

    /// <summary>While the step runs and has a statutory limit: when it turns yellow against that limit, as its clock reads now.</summary>
    public DateTimeOffset? StatutoryWarnAt { get; init; }

    /// <summary>When the department acknowledged the step (its task exists).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>While the step waits on its department: when the engine last sent it or heard about it.</summary>
    public DateTimeOffset? LastContactAt { get; init; }

    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool? OnTime { get; init; }

    public string? Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary><see cref="Reason"/> in English; null where it has none (written before the engine kept one).</summary>
    public string? ReasonEn { get; init; }

    public string? OutputsJson { get; init; }
}
