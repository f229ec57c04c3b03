using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions;

/// <summary>The outcome of loading one definition file: the definition when it could be read, and every error found.</summary>
public sealed record DefinitionLoadResult(WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Definition is not null && Errors.Count == 0;

    /// <summary>The definition's id when the file got far enough to name it.</summary>
    public string? Id => Definition?.Id is { Length: > 0 } id ? id : null;
}
