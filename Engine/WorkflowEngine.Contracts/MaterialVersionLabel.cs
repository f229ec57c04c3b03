using System.Globalization;

namespace WorkflowEngine.Contracts;

/// <summary>
/// How a material version is named in the audit and on the desk's history: <c>key@vN</c>, the number in the invariant
/// culture, so that the engine writes and the department host reads the same text whatever either's culture is.
/// </summary>
public static class MaterialVersionLabel
{
    private const string Separator = "@v";

    public static string Format(string key, int version) => key + Separator + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The key and version of <paramref name="label"/>, split at its last <c>@v</c>; false for text that is not a
    /// label (no key, or no version number of at least 1 after it).
    /// </summary>
    public static bool TryParse(string label, out string key, out int version)
    {
        ArgumentNullException.ThrowIfNull(label);
        var at = label.LastIndexOf(Separator, StringComparison.Ordinal);
        if (at > 0
            && int.TryParse(label.AsSpan(at + Separator.Length), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && version >= 1)
        {
            key = label[..at];
            return true;
        }

        key = label;
        version = 0;
        return false;
    }
}
