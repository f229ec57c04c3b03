using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Core.Forms;

/// <summary>Reads a JSON number as decimal whether the node was parsed from text or built from a CLR value.</summary>
public static class JsonNumbers
{
    /// <summary>The longest JSON number text a form field takes; decimal holds 28–29 significant digits.</summary>
    public const int MaxCharacters = 32;

    /// <summary>Exponents beyond this many digits cannot be a decimal's, whatever the mantissa.</summary>
    private const int MaxExponentDigits = 3;

    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonValue && node.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// Reads a JSON number only if decimal holds it exactly: <c>1e-300</c> (which decimal reads as 0) and
    /// <c>0.1234567890123456789012345678901</c> (which it rounds) are refused, as is a text longer than
    /// <see cref="MaxCharacters"/>.
    /// </summary>
    public static bool TryGetExactDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue || node.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        var text = node.ToJsonString();
        return text.Length <= MaxCharacters
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && Canonical(text) is { } written
            && written == Canonical(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The number's text without exponent, leading zeros or trailing fraction zeros (<c>1.50E2</c> → <c>150</c>).</summary>
    public static string Plain(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text is "-0" ? "0" : text;
    }

    /// <summary>The value as significant digits and a power of ten (<c>150</c> → ("15", 1)), or null if it is not a number.</summary>
    private static (string Digits, long Exponent)? Canonical(string text)
    {
        var span = text.AsSpan().TrimStart('-');
        var exponent = 0L;
        var e = span.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            var power = span[(e + 1)..];
            if (power.TrimStart("+-").Length > MaxExponentDigits
                || !long.TryParse(power, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return null;
            }

            span = span[..e];
        }

        var point = span.IndexOf('.');
        var digits = point < 0 ? span.ToString() : string.Concat(span[..point], span[(point + 1)..]);
        if (point >= 0)
        {
            exponent -= span.Length - point - 1;
        }

        digits = digits.TrimStart('0');
        var significant = digits.TrimEnd('0');
        exponent += digits.Length - significant.Length;
        return significant.Length == 0 ? ("", 0) : (significant, exponent);
    }
}
