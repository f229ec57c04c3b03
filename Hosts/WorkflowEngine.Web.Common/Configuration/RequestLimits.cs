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

    /// <summary>
    /// The most files one multipart request may carry: the shipped services list at most seven materials, and a paper
    /// one may come as a photo of each of its pages (up to 20 for one material), so a count, not a size, bound.
    /// </summary>
    public int UploadFiles { get; set; } = 30;

    /// <summary>
    /// A whole multipart request; unset, <see cref="MaterialsOfBytes"/> files at <c>Engine:MaxMaterialBytes</c> each plus
    /// the application field (<see cref="JsonBodyBytes"/>). Each file is further bounded by its material's
    /// <c>maxSizeMb</c>, and the photos of one material all together as well (the PDF made of them is the material).
    /// </summary>
    public long? UploadBytes { get; set; }

    /// <summary>How many materials' worth of bytes the default <see cref="UploadBytes"/> allows: photos of pages are many files but one material's size.</summary>
    public const int MaterialsOfBytes = 10;

    /// <summary>Entries in a clerk's <c>outputs</c>.</summary>
    public int OutputCount { get; set; } = 50;

    /// <summary>Characters in an output's name.</summary>
    public int OutputNameLength { get; set; } = 64;

    /// <summary>Characters in an output's value.</summary>
    public int OutputValueLength { get; set; } = 1000;

    public long UploadBytesFor(long maxMaterialBytes) => UploadBytes ?? (MaterialsOfBytes * maxMaterialBytes) + JsonBodyBytes;
}
