using WorkflowEngine.Definitions;

namespace WorkflowEngine.Runtime.Definitions;

/// <summary>The outcome of publishing: the published version, or why not.</summary>
public sealed record PublishResult(DefinitionRecord? Published, IReadOnlyList<DefinitionError> Errors, string? Problem)
{
    public bool Succeeded => Published is not null;
}
