using System.Globalization;

namespace WorkflowEngine.Runtime.Materials;

/// <summary>
/// The file names applicants give their materials. They are shown to clerks and sent back in downloads, so a name
/// may not hide what it is: no control characters, no characters that turn the text's direction (which show
/// "invoice\u202Efdp.exe" as "invoiceexe.pdf"), no trace of bytes that were not UTF-8, and no folders.
/// </summary>
public static class MaterialFileNames
{
    public const int MaxLength = 200;

    /// <summary>The name without any folder a browser or a script put before it (either slash).</summary>
    public static string WithoutFolders(string fileName)
    {
        var cut = fileName.LastIndexOfAny(['/', '\\']);
        return (cut >= 0 ? fileName[(cut + 1)..] : fileName).Trim();
    }

    /// <summary>Why the name (without folders) cannot be kept, or null when it can.</summary>
    public static string? Problem(string fileName)
    {
        if (fileName.Length == 0)
        {
            return "缺少文件名";
        }

        if (fileName.Length > MaxLength)
        {
            return $"文件名超过 {MaxLength} 个字符";
        }

        if (fileName.Trim('.').Length == 0)
        {
            return "文件名不能只由“.”组成";
        }

        for (var i = 0; i < fileName.Length; i++)
        {
            var c = fileName[i];
            if (char.IsHighSurrogate(c) && i + 1 < fileName.Length && char.IsLowSurrogate(fileName[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFFFD')
            {
                return "文件名不是有效的 UTF-8 文本";
            }
            else if (char.IsControl(c))
            {
                return $"文件名含有控制字符 {Code(c)}";
            }
            else if (IsDirectional(c))
            {
                return $"文件名含有改变文字方向的字符 {Code(c)}，可用来伪装扩展名";
            }
        }

        return null;
    }

    /// <summary>A name safe to send back, whatever an older release stored: anything refused today becomes '_'.</summary>
    public static string ForDownload(string stored)
    {
        var name = WithoutFolders(stored);
        var safe = string.Create(name.Length, name, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) || IsDirectional(c) || c == '\uFFFD' || c == '"' || (char.IsSurrogate(c) && !IsPaired(source, i)) ? '_' : c;
            }
        });
        return safe.Trim('.').Length == 0 ? "material" : safe[..Math.Min(safe.Length, MaxLength)];
    }

    private static bool IsPaired(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) : i > 0 && char.IsHighSurrogate(text[i - 1]);

    /// <summary>Bidirectional marks, embeddings, overrides and isolates.</summary>
    private static bool IsDirectional(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Code(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
}
