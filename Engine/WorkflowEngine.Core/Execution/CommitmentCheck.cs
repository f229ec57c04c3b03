namespace WorkflowEngine.Core.Execution;

/// <summary>What a verification task (事后核查) carries: the commitment signed, by whom and when, and when the step was approved on it.</summary>
public sealed record CommitmentCheck(string Text, string SignedBy, DateTimeOffset SignedAt);
