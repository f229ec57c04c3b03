using System.Collections.Frozen;

namespace WorkflowEngine.Runtime.Materials;

/// <summary>
/// The file formats materials are declared in, each with the content type it is stored and served as and the first
/// bytes ("magic numbers") its files start with. A file must start with its format's signature; its content type comes
/// from here, never from the client. A format not listed here is stored as <see cref="Unknown"/> and not checked.
/// </summary>
public static class MaterialFormats
{
    public const string Unknown = "application/octet-stream";

    /// <summary>How many leading bytes the longest signature needs.</summary>
    public const int SignatureLength = 8;

    private static readonly byte[] Zip = "PK\x03\x04"u8.ToArray();
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly FrozenDictionary<string, Format> Known = new Dictionary<string, Format>(StringComparer.Ordinal)
    {
        ["pdf"] = new("application/pdf", "%PDF-"u8.ToArray()),
        ["jpg"] = new("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ["jpeg"] = new("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ["png"] = new("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ["gif"] = new("image/gif", "GIF87a"u8.ToArray(), "GIF89a"u8.ToArray()),
        ["tif"] = new("image/tiff", "II*\0"u8.ToArray(), "MM\0*"u8.ToArray()),
        ["tiff"] = new("image/tiff", "II*\0"u8.ToArray(), "MM\0*"u8.ToArray()),
        ["bmp"] = new("image/bmp", "BM"u8.ToArray()),
        // OFD, China's standard for electronic documents (GB/T 33190), and the Office Open XML formats are ZIP packages.
        ["ofd"] = new("application/ofd", Zip),
        ["zip"] = new("application/zip", Zip),
        ["docx"] = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        ["xlsx"] = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        ["doc"] = new("application/msword", OleCompound),
        ["xls"] = new("application/vnd.ms-excel", OleCompound),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> KnownContentTypes = Known.Values.Select(f => f.ContentType).Append(Unknown).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The lower-case extension of a file name, without the dot.</summary>
    public static string ExtensionOf(string fileName) => Path.GetExtension(fileName).TrimStart('.').ToLowerInvariant();

    /// <summary>The content type a file of this format is stored and served as.</summary>
    public static string ContentTypeOf(string extension) => Known.TryGetValue(extension, out var format) ? format.ContentType : Unknown;

    /// <summary>Whether the file's first bytes fit its format; a format with no known signature always fits.</summary>
    public static bool Matches(string extension, ReadOnlySpan<byte> head)
    {
        if (!Known.TryGetValue(extension, out var format))
        {
            return true;
        }

        foreach (var signature in format.Signatures)
        {
            if (head.StartsWith(signature))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A stored type this release would itself have derived; anything else (an older release kept the client's) is served as <see cref="Unknown"/>.</summary>
    public static string Served(string storedContentType) => KnownContentTypes.Contains(storedContentType) ? storedContentType : Unknown;

    private sealed record Format(string ContentType, params byte[][] Signatures);
}
