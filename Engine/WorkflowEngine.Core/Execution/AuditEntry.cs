namespace WorkflowEngine.Core.Execution;

/// <summary>One line of an application's audit trail.</summary>
public sealed record AuditEntry(
    string Type,
    string? StepId,
    DateTimeOffset At,
    string? Actor,
    IReadOnlyDictionary<string, string?>? Data);
