using System.Globalization;
using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The free text of a rating (comment, reason, follow-up): counted in characters as a person sees them (an emoji or a
/// character with its accent is one), and refused when it holds what nobody means to write and what would make it read
/// otherwise on the administrators' page: control characters (line breaks aside), direction overrides such as U+202E,
/// unpaired surrogates and the replacement character U+FFFD.
/// </summary>
public static class RatingText
{
    /// <summary>The longest comment or reason.</summary>
    public const int MaxLength = 500;

    /// <summary>The longest follow-up note (整改情况).</summary>
    public const int MaxFollowUpLength = 1000;

    /// <summary>How long the text is as a reader counts it.</summary>
    public static int Length(string text) => new StringInfo(text).LengthInTextElements;

    /// <summary>What is wrong with a character of <paramref name="text"/>, or null when every one may be written.</summary>
    public static string? Unprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c == '\uFFFD')
            {
                return FormMessages.Say("含有无法识别的字符（文本编码有误）", "contains characters that cannot be read (the text is wrongly encoded)");
            }
            else if (IsDirectional(c))
            {
                return FormMessages.Say(
                    string.Create(CultureInfo.InvariantCulture, $"含有改变文字方向的控制字符（U+{(int)c:X4}），请删除后再提交"),
                    string.Create(CultureInfo.InvariantCulture, $"contains a character that changes the direction of the text (U+{(int)c:X4}): remove it and send again"));
            }
            else if (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))
            {
                return FormMessages.Say(
                    string.Create(CultureInfo.InvariantCulture, $"含有不允许的控制字符（U+{(int)c:X4}）"),
                    string.Create(CultureInfo.InvariantCulture, $"contains a control character that is not allowed (U+{(int)c:X4})"));
            }
        }

        return null;
    }

    /// <summary>The text trimmed, or null when nothing is left.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsDirectional(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
