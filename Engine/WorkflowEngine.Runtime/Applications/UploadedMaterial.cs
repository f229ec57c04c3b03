namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// A file the applicant uploads for a listed material. <see cref="Content"/> must be seekable: its first bytes are
/// checked against the format before it is stored. <see cref="ContentType"/> is what the client claimed; it is not kept.
/// </summary>
public sealed record UploadedMaterial(string Key, string FileName, string ContentType, Stream Content);
