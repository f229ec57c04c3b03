namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// One upload of a material for an application (its content lives in the blob store under its SHA-256). Uploads are
/// versions: a replacement is the next version, and the earlier ones stay, with the decisions taken on them.
/// </summary>
public sealed record MaterialRecord(
    Guid Id,
    Guid ApplicationId,
    string MaterialKey,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    DateTimeOffset UploadedAt)
{
    /// <summary>1 for the material's first upload, then one more for each replacement; given by the engine when it stores it.</summary>
    public int Version { get; init; } = 1;

    /// <summary>How many photos of a paper document's pages this PDF was assembled from; null for a file uploaded as it is.</summary>
    public int? PhotoPages { get; init; }
}
