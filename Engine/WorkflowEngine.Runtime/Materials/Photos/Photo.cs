namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>
/// A photographed page as read from its header: its size in pixels and what a PDF needs to draw it. A JPEG is embedded as
/// it is (DCTDecode), so <see cref="Components"/> and <see cref="InvertedCmyk"/> describe its colours; a PNG is decoded
/// to RGB. <see cref="Orientation"/> is the EXIF orientation (1–8) the camera recorded instead of turning the pixels.
/// </summary>
public sealed record Photo(PhotoKind Kind, int Width, int Height, int Components = 3, int Orientation = 1, bool InvertedCmyk = false)
{
    /// <summary>Whether the page shows the stored image turned a quarter (EXIF orientations 5–8), so its width and height swap.</summary>
    public bool Turned => Orientation is >= 5 and <= 8;

    public int ShownWidth => Turned ? Height : Width;

    public int ShownHeight => Turned ? Width : Height;
}
