namespace WorkflowEngine.Runtime.Applications;

/// <summary>A material file stored for an application (its content lives in the blob store under its SHA-256).</summary>
public sealed record MaterialRecord(
    Guid Id,
    Guid ApplicationId,
    string MaterialKey,
    string FileName,
    string ContentType,
    long Size,
    string Sha256,
    DateTimeOffset UploadedAt);
