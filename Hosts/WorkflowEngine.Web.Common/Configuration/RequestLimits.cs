namespace WorkflowEngine.Hosting.Configuration;

/// <summary>
/// Section <c>Limits</c>: how much each endpoint reads. A body over its bound is answered 413 before it is parsed, and
/// endpoints that take no body read at most <see cref="JsonBodyBytes"/>.
/// </summary>
public sealed class RequestLimits
{
    /// <summary>A JSON body: a submission without files is a few KB, a large form a few dozen.</summary>
    public int JsonBodyBytes { get; set; } = 256 * 1024;

    /// <summary>A clerk's decision: outcome, reason, outputs.</summary>
    public int TaskDecisionBytes { get; set; } = 64 * 1024;

    /// <summary>A definition's YAML or JSON text (the largest shipped one is about 12 KB).</summary>
    public int DefinitionBytes { get; set; } = 1024 * 1024;

    /// <summary>The most files one multipart request may carry (the shipped services list at most seven materials).</summary>
    public int UploadFiles { get; set; } = 10;

    /// <summary>
    /// A whole multipart request; unset, <see cref="UploadFiles"/> files at <c>Engine:MaxMaterialBytes</c> each plus the
    /// application field (<see cref="JsonBodyBytes"/>). Each file is further bounded by its material's <c>maxSizeMb</c>.
    /// </summary>
    public long? UploadBytes { get; set; }

    /// <summary>Entries in a clerk's <c>outputs</c>.</summary>
    public int OutputCount { get; set; } = 50;

    /// <summary>Characters in an output's name.</summary>
    public int OutputNameLength { get; set; } = 64;

    /// <summary>Characters in an output's value.</summary>
    public int OutputValueLength { get; set; } = 1000;

    public long UploadBytesFor(long maxMaterialBytes) => UploadBytes ?? (UploadFiles * maxMaterialBytes) + JsonBodyBytes;
}
