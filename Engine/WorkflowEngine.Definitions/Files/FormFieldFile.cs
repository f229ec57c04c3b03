using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Files;

/// <summary>A form field as written in a definition file.</summary>
public sealed record FormFieldFile
{
    public string? Key { get; init; }

    public LocalizedText? Label { get; init; }

    public string? Type { get; init; }

    public bool Required { get; init; }

    public LocalizedText? Help { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public string? Pattern { get; init; }

    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public string? MinDate { get; init; }

    public string? MaxDate { get; init; }

    /// <summary>Each option is a plain value or <c>{ value, label }</c>.</summary>
    public List<JsonNode?>? Options { get; init; }

    public bool Multiple { get; init; }
}
