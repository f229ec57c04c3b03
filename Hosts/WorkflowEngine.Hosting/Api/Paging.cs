using System.Globalization;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A page of a list as the admin API and pages take it: <c>limit</c> clamped to 1–<see cref="MaxLimit"/>, <c>offset</c>
/// to 0 or more. Bound as <c>int?</c>, so a value that is not a 32-bit number is a 400 before the endpoint runs.
/// </summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int MaxLimit = 500;

    public static Paging Of(int? limit, int? offset, int defaultLimit = 100) =>
        new(Math.Clamp(limit ?? defaultLimit, 1, MaxLimit), Math.Max(offset ?? 0, 0));

    /// <summary>
    /// A page as an API client asked for it, held to it rather than clamped: <c>limit</c> a whole number 1–<see cref="MaxLimit"/>,
    /// <c>offset</c> one of 0 or more (each absent or blank: the default). Anything else adds an error under the field's
    /// name to <paramref name="errors"/>, so that a client asking for "-5" learns it, instead of getting a page it did not ask for.
    /// </summary>
    public static Paging Read(string? limit, string? offset, Dictionary<string, string[]> errors, bool english, int defaultLimit = 100)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new(
            Whole("limit", limit, defaultLimit, 1, MaxLimit, $"须为 1 到 {MaxLimit} 之间的整数", $"must be a whole number from 1 to {MaxLimit}"),
            Whole("offset", offset, 0, 0, int.MaxValue, "须为 0 或更大的整数", "must be a whole number, 0 or more"));

        int Whole(string field, string? text, int fallback, int min, int max, string zh, string en)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && value >= min && value <= max)
            {
                return value;
            }

            errors[field] = [english ? $"{field} {en}" : $"{field} {zh}"];
            return fallback;
        }
    }

    /// <summary>Where the previous page starts, or null on the first.</summary>
    public int? Previous => Offset > 0 ? Math.Max(Offset - Limit, 0) : null;

    /// <summary>Where the next page starts, or null when <paramref name="total"/> ends on this one.</summary>
    public int? Next(int total) => (long)Offset + Limit < total ? Offset + Limit : null;
}
