namespace WorkflowEngine.Core.Execution;

/// <summary>Something that happened to an application, applied by the interpreter.</summary>
public abstract record WorkflowEvent;

/// <summary>The application was accepted (受理) and its flow starts.</summary>
public sealed record WorkflowStartedEvent : WorkflowEvent;

/// <summary>A clerk of the owning department claimed the step.</summary>
public sealed record StepClaimedEvent(string StepId, int Attempt, string ClaimedBy, DateTimeOffset ClaimedAt) : WorkflowEvent;

/// <summary>The owning department decided the step; <see cref="ReportedOnTime"/> is the host's view of compliance.</summary>
public sealed record StepCompletedEvent(
    string StepId,
    int Attempt,
    StepOutcome Outcome,
    string? Reason,
    IReadOnlyDictionary<string, string>? Outputs,
    string? CompletedBy,
    DateTimeOffset CompletedAt,
    bool? ReportedOnTime) : WorkflowEvent;

/// <summary>A timer the flow scheduled came due.</summary>
public sealed record TimerFiredEvent(string TimerId, string NodeId) : WorkflowEvent;
