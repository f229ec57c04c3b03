namespace WorkflowEngine.Contracts;

/// <summary>A material the applicant uploaded, as a department fetches it (材料网上流转).</summary>
public sealed record MaterialReference
{
    public required string Key { get; init; }

    public required string Name { get; init; }

    /// <summary><see cref="Name"/> in English, where the definition gives it. Added to version 1; absent from older engines (show the Chinese then).</summary>
    public string? NameEn { get; init; }

    /// <summary>received, deferred (容缺: promised by <see cref="DueBy"/>), missing, or optional (not required and not given).</summary>
    public required string Status { get; init; }

    /// <summary>Which upload of the material this is (1 for the first; a replacement asked for in a supplement request is the next).</summary>
    public int? Version { get; init; }

    public string? FileName { get; init; }

    public string? ContentType { get; init; }

    public long? Size { get; init; }

    public string? Sha256 { get; init; }

    /// <summary>
    /// How many photos of a paper document's pages the file (a PDF) was assembled from, so that a clerk knows why the
    /// document is a phone's photos; null for a file uploaded as it is. Added to version 1 (additive); absent from older engines.
    /// </summary>
    public int? PhotoPages { get; init; }

    /// <summary>Path on the engine's API to download the file.</summary>
    public string? Download { get; init; }

    public DateTimeOffset? DueBy { get; init; }
}
