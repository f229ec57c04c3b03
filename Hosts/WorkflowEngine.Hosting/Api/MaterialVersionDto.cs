namespace WorkflowEngine.Hosting.Api;

/// <summary>One upload of a material: every version stays, with the decisions taken on it (see the audit trail).</summary>
public sealed record MaterialVersionDto(int Version, string FileName, long Size, string Sha256, DateTimeOffset UploadedAt, string Download);
