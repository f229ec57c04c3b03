namespace WorkflowEngine.Runtime.Definitions;

/// <summary>One stored version of a definition: its source text, and whether it is a draft or published (then immutable).</summary>
public sealed record DefinitionRecord
{
    public required string Id { get; init; }

    public required int Version { get; init; }

    public required string Status { get; init; }

    public required string Title { get; init; }

    public required string Source { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>The validation errors of a draft as JSON; empty array when valid.</summary>
    public string ErrorsJson { get; init; } = "[]";

    public required DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    public string? PublishedBy { get; init; }

    /// <summary>When the version was retired (new applications stopped starting on it).</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>Who retired it: the administrator's user id.</summary>
    public string? RetiredBy { get; init; }
}
