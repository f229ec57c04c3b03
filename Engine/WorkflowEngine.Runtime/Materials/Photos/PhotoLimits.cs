namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>
/// How far a photographed material may go. A phone's camera takes 12 to 50 megapixels; an image claiming more (or a side
/// longer than any camera's) is refused before anything of it is decoded, so a small file announcing a huge picture (a
/// decompression bomb) costs nothing.
/// </summary>
public static class PhotoLimits
{
    /// <summary>Pages one material may be photographed in.</summary>
    public const int MaxPhotos = 20;

    public const int MaxSide = 20_000;

    public const long MaxPixels = 64_000_000;

    /// <summary>The extensions a photographed page may have.</summary>
    public static readonly IReadOnlyList<string> Extensions = ["jpg", "jpeg", "png"];

    public static bool IsPhotoExtension(string extension) => extension is "jpg" or "jpeg" or "png";
}
