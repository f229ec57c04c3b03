using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Files;

/// <summary>A material as written in a definition file.</summary>
public sealed record MaterialFile
{
    public string? Key { get; init; }

    public LocalizedText? Name { get; init; }

    public LocalizedText? Description { get; init; }

    public bool Required { get; init; }

    public WorkingTimeLimit? Deferrable { get; init; }

    public List<string>? UsedBy { get; init; }

    public List<string>? Formats { get; init; }

    public decimal? MaxSizeMb { get; init; }
}
