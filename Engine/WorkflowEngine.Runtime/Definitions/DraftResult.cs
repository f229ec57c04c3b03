using WorkflowEngine.Definitions;

namespace WorkflowEngine.Runtime.Definitions;

/// <summary>The outcome of saving a definition: the stored draft (when the file named its id) and every error found.</summary>
public sealed record DraftResult(DefinitionRecord? Draft, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Draft is not null && Errors.Count == 0;
}
