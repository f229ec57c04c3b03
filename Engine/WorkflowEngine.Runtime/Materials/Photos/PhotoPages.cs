using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>
/// When the files uploaded for one material are photographs of a paper document's pages, to be made into the PDF the
/// material asks for: the material takes PDF, every file is a JPG or PNG, and either there are several of them or the
/// material does not take that image format itself (a material that takes JPG keeps a single JPG as it is).
/// </summary>
public static class PhotoPages
{
    /// <summary>Whether the material can be photographed: it takes PDF (or any format).</summary>
    public static bool Allowed(MaterialSpec spec) => spec.Formats.Count == 0 || spec.Formats.Contains("pdf", StringComparer.Ordinal);

    /// <summary>Whether these files (their extensions, in order) are the material's pages to assemble.</summary>
    public static bool AreAssembled(MaterialSpec spec, IReadOnlyList<string> extensions) =>
        Allowed(spec) && extensions.Count > 0 && extensions.All(PhotoLimits.IsPhotoExtension)
        && (extensions.Count > 1 || (spec.Formats.Count > 0 && !spec.Formats.Contains(extensions[0], StringComparer.Ordinal)));

    /// <summary>The assembled PDF's file name: the material's name, so a clerk's download says what it is.</summary>
    public static string FileNameOf(MaterialSpec spec)
    {
        var name = MaterialFileNames.WithoutFolders(spec.Name.Zh) + ".pdf";
        return MaterialFileNames.Problem(name) is null ? name : spec.Key + ".pdf";
    }

    /// <summary>"Photo 2 (IMG_0002.jpg)" in the messages' language, for a message about one of several photos.</summary>
    public static string Which(int index, string fileName) => fileName.Length == 0
        ? FormMessages.Say($"第 {index + 1} 张照片", $"photo {index + 1}")
        : FormMessages.Say($"第 {index + 1} 张照片（{fileName}）", $"photo {index + 1} ({fileName})");
}
