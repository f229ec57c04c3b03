namespace WorkflowEngine.Definitions;

/// <summary>One problem with a definition file, located by file, line, column and path (e.g. <c>flow.steps[2].department</c>).</summary>
public sealed record DefinitionError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary><see cref="Message"/> in English, where the check that found it words one; null where it does not.</summary>
    public string? MessageEn { get; init; }

    public override string ToString() => $"{File}:{Line}:{Column}: {Path}: {Message}";
}
