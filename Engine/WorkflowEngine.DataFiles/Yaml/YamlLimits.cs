namespace WorkflowEngine.Definitions.Yaml;

/// <summary>
/// What one YAML document may cost to read. Every file the engine reads is small; the bounds exist so that a short
/// hostile document (deep nesting, aliases expanding to billions of nodes) is refused instead of exhausting the host.
/// </summary>
public sealed record YamlLimits
{
    /// <summary>The limits every loader uses: 1 MB, 64 levels, 100,000 nodes.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>The document's size in UTF-8 bytes (the size of the file on disk or of the request body).</summary>
    public int MaxDocumentBytes { get; init; } = 1_048_576;

    /// <summary>How many mappings and sequences may enclose one another, counting the document's own.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Scalars, mappings and sequences, keys included, after every alias is expanded into a copy.</summary>
    public int MaxNodes { get; init; } = 100_000;
}
