namespace WorkflowEngine.Core.Execution;

/// <summary>Something that happened to an application, applied by the interpreter.</summary>
public abstract record WorkflowEvent;

/// <summary>The application was accepted (受理) and its flow starts.</summary>
public sealed record WorkflowStartedEvent : WorkflowEvent;

/// <summary>A report from a department about a step it holds; <see cref="Department"/> says who sent it.</summary>
public abstract record StepReportEvent(string StepId, int Attempt) : WorkflowEvent
{
    /// <summary>The reporting department; a report from another department than the step's is ignored.</summary>
    public string? Department { get; init; }
}

/// <summary>A clerk of the owning department claimed the step.</summary>
public sealed record StepClaimedEvent(string StepId, int Attempt, string ClaimedBy, DateTimeOffset ClaimedAt) : StepReportEvent(StepId, Attempt);

/// <summary>The owning department decided the step; <see cref="ReportedOnTime"/> is the host's view of compliance.</summary>
public sealed record StepCompletedEvent(
    string StepId,
    int Attempt,
    StepOutcome Outcome,
    string? Reason,
    IReadOnlyDictionary<string, string>? Outputs,
    string? CompletedBy,
    DateTimeOffset CompletedAt,
    bool? ReportedOnTime) : StepReportEvent(StepId, Attempt);

/// <summary>A timer the flow scheduled came due.</summary>
public sealed record TimerFiredEvent(string TimerId, string NodeId) : WorkflowEvent;
