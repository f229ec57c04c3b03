namespace WorkflowEngine.Core.Execution;

/// <summary>What the interpreter may read of the application: its identity and typed form values for conditions.</summary>
public sealed record ApplicationData(
    Guid Id,
    string TrackingNumber,
    IReadOnlyDictionary<string, object?> Form);
