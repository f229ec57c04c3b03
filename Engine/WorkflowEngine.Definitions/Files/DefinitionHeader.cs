using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Files;

/// <summary>The top of a definition file: everything but form, materials, flow, supplements and deferrals.</summary>
public sealed record DefinitionHeader
{
    public string? Id { get; init; }

    public LocalizedText? Title { get; init; }

    public string? Category { get; init; }

    public LocalizedText? Description { get; init; }

    public string? Calendar { get; init; }

    public BundleTimeLimits? TimeLimits { get; init; }
}
