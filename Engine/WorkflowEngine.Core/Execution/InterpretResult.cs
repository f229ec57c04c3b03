namespace WorkflowEngine.Core.Execution;

/// <summary>What applying one event produced: the new state and everything the shell must write with it.</summary>
public sealed record InterpretResult(
    InstanceState State,
    IReadOnlyList<EngineCommand> Commands,
    IReadOnlyList<AuditEntry> Audit,
    IReadOnlyCollection<string> ChangedNodes);
