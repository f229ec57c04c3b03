using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace WorkflowEngine.Definitions.Forms;

/// <summary>
/// A text field's <c>pattern</c>: checked when the definition is validated, then matched against the whole value
/// (<c>\A(?:pattern)\z</c>) by the non-backtracking engine, whose time is linear in the value, so no timeout is needed.
/// </summary>
public static class FieldPattern
{
    public const int MaxLength = 500;

    /// <summary>Patterns are few (one per field of the published definitions); the bound only guards against churn.</summary>
    private const int MaxCached = 512;

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    private static readonly Regex NeverMatches = new(@"[^\s\S]", Options, Regex.InfiniteMatchTimeout);

    /// <summary>What is wrong with a pattern (Chinese), or null when it can be used.</summary>
    public static string? Problem(string pattern) => Problems(pattern)?.Zh;

    /// <summary>What is wrong with a pattern, in Chinese and in English, or null when it can be used.</summary>
    public static (string Zh, string En)? Problems(string pattern)
    {
        if (pattern.Length > MaxLength)
        {
            return ($"正则表达式超过 {MaxLength} 个字符", $"The regular expression is longer than {MaxLength} characters");
        }

        if (HasDigitClass(pattern))
        {
            return (@"正则表达式中的 \d 也匹配全角和其他文字的数字，请写 [0-9]", @"\d in a regular expression also matches full-width digits and the digits of other scripts: write [0-9]");
        }

        try
        {
            // The pattern alone first: wrapped, a stray ")" could close our group and escape the anchors.
            _ = new Regex(pattern, Options, Regex.InfiniteMatchTimeout);
        }
        catch (ArgumentException ex)
        {
            return ($"正则表达式无法解析：{ex.Message}", $"The regular expression cannot be read: {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            return ($"正则表达式不受支持（不支持反向引用、环视、原子组等需要回溯的写法，也不支持过大的重复次数）：{ex.Message}", $"The regular expression is not supported (no backreferences, lookarounds, atomic groups or other backtracking constructs, and no very large repetition counts): {ex.Message}");
        }

        try
        {
            _ = Anchored(pattern);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return ($"正则表达式加上首尾锚定后无法使用（注释 # 会吞掉其后的内容）：{ex.Message}", $"The regular expression cannot be used once anchored at both ends (a # comment swallows what follows it): {ex.Message}");
        }

        return null;
    }

    /// <summary>
    /// True when the whole value matches. A pattern <see cref="Problem"/> refuses (in a definition stored before these
    /// rules) matches nothing: the value is refused rather than the request failing.
    /// </summary>
    public static bool IsMatch(string pattern, string value)
    {
        if (!Cache.TryGetValue(pattern, out var regex))
        {
            if (Cache.Count >= MaxCached)
            {
                Cache.Clear();
            }

            regex = Cache.GetOrAdd(pattern, static p => Problem(p) is null ? Anchored(p) : NeverMatches);
        }

        return regex.IsMatch(value);
    }

    private static Regex Anchored(string pattern) => new(@"\A(?:" + pattern + @")\z", Options, Regex.InfiniteMatchTimeout);

    /// <summary>Whether <c>\d</c> appears as an escape (not as an escaped backslash followed by d).</summary>
    private static bool HasDigitClass(string pattern)
    {
        for (var i = 0; i < pattern.Length - 1; i++)
        {
            if (pattern[i] == '\\')
            {
                if (pattern[i + 1] == 'd')
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }
}
