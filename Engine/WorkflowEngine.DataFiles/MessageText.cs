using System.Globalization;
using System.Text;

namespace WorkflowEngine.Definitions;

/// <summary>Puts text from a file or a form into an error message: shortened, with invisible characters written as escapes.</summary>
public static class MessageText
{
    public static string Quote(string text, int max = 64)
    {
        var shown = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text.Length <= max ? text : text[..max])
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return text.Length <= max ? shown.ToString() : shown.Append('…').ToString();
    }
}
