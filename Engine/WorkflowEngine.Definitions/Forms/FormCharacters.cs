using System.Globalization;
using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Definitions.Forms;

/// <summary>Characters that are never part of what an applicant means to write.</summary>
internal static class FormCharacters
{
    /// <summary>
    /// The problem with the first such character, or null: C0 and C1 controls and DEL (tab, CR and LF only in multi-line
    /// text), lone surrogates, and U+FFFD, which a decoder writes where the client's bytes were not valid UTF-8.
    /// </summary>
    public static string? Problem(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return FormMessages.Say("含有不成对的代理项字符（文本编码有误）", "contains an unpaired surrogate character (the text is wrongly encoded)");
            }

            if (c == '\uFFFD')
            {
                return FormMessages.Say("含有替换字符 U+FFFD（提交的内容不是有效的 UTF-8）", "contains the replacement character U+FFFD (what was sent is not valid UTF-8)");
            }

            if (char.IsControl(c) && !(multiline && c is '\t' or '\r' or '\n'))
            {
                return FormMessages.Say(
                    string.Create(CultureInfo.InvariantCulture, $"含有不允许的控制字符（U+{(int)c:X4}）"),
                    string.Create(CultureInfo.InvariantCulture, $"contains a control character that is not allowed (U+{(int)c:X4})"));
            }
        }

        return null;
    }
}
