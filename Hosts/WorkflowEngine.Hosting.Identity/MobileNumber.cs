namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// A mainland China mobile number as people type it: with or without +86 (0086, 86), spaces, dashes, full-width digits
/// from a Chinese input method. Its normal form is the 11 digits, <c>1</c> then 3–9 then nine more, which is also the
/// user name of an account an applicant registers.
/// </summary>
public static class MobileNumber
{
    public const int Length = 11;

    /// <summary>At most this many characters are read: anything longer is no telephone number however it is spaced.</summary>
    public const int MaxInputLength = 32;

    /// <summary>The 11 digits of <paramref name="text"/>, or null when it is no mainland mobile number.</summary>
    public static string? Normalise(string? text)
    {
        if (text is null || text.Length > MaxInputLength)
        {
            return null;
        }

        var digits = new System.Text.StringBuilder(MaxInputLength);
        var plus = false;
        foreach (var raw in text)
        {
            // Full-width forms (U+FF01–FF5E) are the ASCII ones shifted; a Chinese input method types them.
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (c is >= '0' and <= '9')
            {
                digits.Append(c);
            }
            else if (c == '+' && digits.Length == 0 && !plus)
            {
                plus = true;
            }
            else if (c != '-' && c != ' ' && c != '\u3000' && c != '\t')
            {
                return null;
            }
        }

        var number = digits.ToString();
        if (plus && !number.StartsWith("86", StringComparison.Ordinal))
        {
            return null;
        }

        number = number.Length switch
        {
            Length + 2 when number.StartsWith("86", StringComparison.Ordinal) => number[2..],
            Length + 4 when !plus && number.StartsWith("0086", StringComparison.Ordinal) => number[4..],
            Length when !plus => number,
            _ => "",
        };
        return number.Length == Length && number[0] == '1' && number[1] is >= '3' and <= '9' ? number : null;
    }

    /// <summary>The number with its middle four digits hidden (<c>138****8000</c>), as portals show where a code went.</summary>
    public static string Masked(string mobile)
    {
        ArgumentNullException.ThrowIfNull(mobile);
        return mobile.Length == Length ? $"{mobile[..3]}****{mobile[7..]}" : mobile;
    }

    /// <summary>The field's message (key <c>mobile</c>) when <paramref name="text"/> is not a mainland mobile number.</summary>
    public static string? Problem(string? text, bool english)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return english ? "Enter your mobile number" : "请输入手机号";
        }

        return Normalise(text) is null
            ? english
                ? "Enter a mainland China mobile number: 11 digits beginning with 1 (for example 138 0013 8000), with or without +86"
                : "请输入正确的中国大陆手机号：以 1 开头的 11 位数字（如 138 0013 8000），可带 +86"
            : null;
    }
}
