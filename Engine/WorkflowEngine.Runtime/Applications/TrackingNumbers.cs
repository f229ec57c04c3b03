using System.Buffers;
using System.Security.Cryptography;
using WorkflowEngine.Calendars;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Tracking numbers applicants can read out at a window: <c>YB</c>, the Shanghai date, and eight characters of a
/// confusion-free alphabet (no I, O, 0, 1), e.g. <c>YB20261126-7K3M9Q2X</c>.
/// </summary>
public static class TrackingNumbers
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    private static readonly SearchValues<char> DigitsAndLetters = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[8];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"YB{ChinaTime.DateOf(now):yyyyMMdd}-{suffix}";
    }

    /// <summary>
    /// Whether <paramref name="number"/> (in capitals) has the shape <see cref="New"/> gives: <c>YB</c>, eight digits, a
    /// hyphen and eight letters or digits. A mistyped letter of the suffix is still well formed (and simply not found).
    /// </summary>
    public static bool IsWellFormed(string? number) =>
        number is { Length: 19 } n && n.StartsWith("YB", StringComparison.Ordinal) && n[10] == '-'
        && !n.AsSpan(2, 8).ContainsAnyExcept(Digits) && !n.AsSpan(11).ContainsAnyExcept(DigitsAndLetters);
}
