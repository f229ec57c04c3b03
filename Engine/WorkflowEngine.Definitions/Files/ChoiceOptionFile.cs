using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Files;

/// <summary>A choice option written as <c>{ value, label }</c>.</summary>
public sealed record ChoiceOptionFile
{
    public string? Value { get; init; }

    public LocalizedText? Label { get; init; }
}
