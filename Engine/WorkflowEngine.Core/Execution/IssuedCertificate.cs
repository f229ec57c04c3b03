namespace WorkflowEngine.Core.Execution;

/// <summary>One certificate of a unified issuance: its name, the step that granted it, and what that step reported.</summary>
public sealed record IssuedCertificate(string Name, string FromStep, IReadOnlyDictionary<string, string> Details);
