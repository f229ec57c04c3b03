namespace WorkflowEngine.Contracts;

/// <summary>
/// One version of a material, as a department decided on it: its key, version number and content hash. On a
/// <see cref="StepSupplemented"/> the engine also says what the new version's file is (name, type, size, photos,
/// download), as <see cref="ExecuteStep.Materials"/> does for the versions a step comes with, so that a clerk sees the
/// file the applicant supplied; a department names versions in <see cref="StepCompleted.Materials"/> by key, version
/// and hash alone.
/// </summary>
public sealed record MaterialVersion
{
    public required string Key { get; init; }

    public required int Version { get; init; }

    public required string Sha256 { get; init; }

    /// <summary>The file's name, as <see cref="MaterialReference.FileName"/>. Added to version 1 (additive); absent from older engines and in reports.</summary>
    public string? FileName { get; init; }

    /// <summary>Its media type, as <see cref="MaterialReference.ContentType"/>. Added to version 1 (additive); absent from older engines and in reports.</summary>
    public string? ContentType { get; init; }

    /// <summary>Its size in bytes, as <see cref="MaterialReference.Size"/>. Added to version 1 (additive); absent from older engines and in reports.</summary>
    public long? Size { get; init; }

    /// <summary>
    /// How many photos of a paper document's pages the file was assembled from, as <see cref="MaterialReference.PhotoPages"/>;
    /// null for a file uploaded as it is. Added to version 1 (additive); absent from older engines and in reports.
    /// </summary>
    public int? PhotoPages { get; init; }

    /// <summary>
    /// The path on the engine's API to download this version, as <see cref="MaterialReference.Download"/>. Added to
    /// version 1 (additive); absent from older engines and in reports.
    /// </summary>
    public string? Download { get; init; }
}
