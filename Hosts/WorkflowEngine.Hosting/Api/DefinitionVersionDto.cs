using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>One version of a definition, without its source: draft, published or retired, with who did each and when.</summary>
public sealed record DefinitionVersionDto(
    int Version,
    string Status,
    string Title,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? PublishedAt,
    string? PublishedBy,
    DateTimeOffset? RetiredAt,
    string? RetiredBy)
{
    public static DefinitionVersionDto From(DefinitionRecord r) =>
        new(r.Version, r.Status, r.Title, ChinaTime.ToLocal(r.CreatedAt), r.CreatedBy, ChinaTime.ToLocal(r.PublishedAt), r.PublishedBy,
            ChinaTime.ToLocal(r.RetiredAt), r.RetiredBy);
}
