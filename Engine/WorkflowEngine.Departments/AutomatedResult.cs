namespace WorkflowEngine.Runtime.Departments;

/// <summary>What an automated handler decided.</summary>
public sealed record AutomatedResult(bool Approved, string? Reason, IReadOnlyDictionary<string, string>? Outputs)
{
    public static AutomatedResult Approve(IReadOnlyDictionary<string, string>? outputs = null) => new(true, null, outputs);

    public static AutomatedResult Reject(string reason) => new(false, reason, null);
}
