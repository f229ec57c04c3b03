namespace WorkflowEngine.Hosting.Distributed;

/// <summary>The departments whose queues and clerk endpoints this process serves.</summary>
public sealed record ServedDepartments(IReadOnlyList<string> Codes)
{
    public bool Serves(string code) => Codes.Contains(code, StringComparer.Ordinal);
}
