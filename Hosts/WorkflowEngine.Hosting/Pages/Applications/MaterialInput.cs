using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Materials.Photos;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// A material's file input (<c>materials.&lt;key&gt;</c>, id <c>m-&lt;key&gt;</c>) with its messages: the browser offers
/// only the material's formats, and the page's script refuses a file of another format, an empty one or one over
/// <see cref="MaxBytes"/> (the store's own limit) as it is chosen; the help text above it is <c>m-&lt;key&gt;-help</c>.
/// A material that takes PDF also takes photos of a paper document's pages (<see cref="PhotoPages"/>): the file input
/// offers JPG and PNG besides, several at once, and a second input (<c>m-&lt;key&gt;-photos</c>, same name) opens a
/// phone's camera; the server makes the photos one PDF.
/// </summary>
public sealed record MaterialInput(MaterialSpec Material, bool Required, IReadOnlyList<string> Errors, long MaxBytes)
{
    public string Id => "m-" + Material.Key;

    public string PhotosId => Id + "-photos";

    /// <summary>The limit in MB as the messages give it.</summary>
    public string MaxMb => (MaxBytes / 1024d / 1024d).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the material may come as photos of its pages (it takes PDF).</summary>
    public bool Photographable => Material.Formats.Count > 0 && PhotoPages.Allowed(Material);

    public static int MaxPhotos => PhotoLimits.MaxPhotos;

    /// <summary>What the camera input takes: the image types, so that a phone offers its camera.</summary>
    public static string PhotoAccept => "image/jpeg,image/png,.jpg,.jpeg,.png";

    public string? Accept => Material.Formats.Count == 0 ? null
        : Photographable ? string.Join(",", Material.Formats.Union(PhotoLimits.Extensions).Select(f => "." + f).Append("image/jpeg").Append("image/png"))
        : string.Join(",", Material.Formats.Select(f => "." + f));
}
