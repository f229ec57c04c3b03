namespace WorkflowEngine.Hosting.Api;

/// <summary>One upload of a material: every version stays, with the decisions taken on it (see the audit trail).</summary>
public sealed record MaterialVersionDto(int Version, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string Download)
{
    /// <summary>How many photos of the paper document's pages this version (a PDF) was assembled from; null for a file uploaded as it is.</summary>
    public int? PhotoPages { get; init; }
}
