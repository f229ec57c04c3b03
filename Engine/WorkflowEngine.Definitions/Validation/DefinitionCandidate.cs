using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Validation;

/// <summary>A definition read from a file, before validation decides whether it may be published.</summary>
public sealed record DefinitionCandidate(WorkflowDefinition Definition)
{
    /// <summary>Every node in document order; duplicates are still here, unlike the definition's id index.</summary>
    public IReadOnlyList<StepNode> AllNodes { get; } = Definition.Flow.DescendantsAndSelf().ToArray();
}
