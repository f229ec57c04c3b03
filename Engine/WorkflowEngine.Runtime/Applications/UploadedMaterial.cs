namespace WorkflowEngine.Runtime.Applications;

/// <summary>A file the applicant uploads for a listed material.</summary>
public sealed record UploadedMaterial(string Key, string FileName, string ContentType, Stream Content);
