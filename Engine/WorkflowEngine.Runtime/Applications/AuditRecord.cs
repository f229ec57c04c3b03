namespace WorkflowEngine.Runtime.Applications;

/// <summary>One line of an application's audit trail, as stored.</summary>
public sealed record AuditRecord(
    Guid ApplicationId,
    DateTimeOffset At,
    string Type,
    string? StepId,
    string? Actor,
    string? DataJson);
