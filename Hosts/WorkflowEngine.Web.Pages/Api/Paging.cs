using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A page of a list as the admin API and pages take it. The API holds a client to the page it asked for
/// (<see cref="Read(string?, string?, Dictionary{string, ProblemText[]}, int)"/>); a page's address typed by hand is
/// clamped (<see cref="Of"/>): <c>limit</c> to 1–<see cref="MaxLimit"/>, <c>offset</c> to 0 or more.
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
    public static Paging Read(string? limit, string? offset, Dictionary<string, ProblemText[]> errors, int defaultLimit = 100)
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

            errors[field] = [new($"{field} {zh}", $"{field} {en}")];
            return fallback;
        }
    }

    /// <summary>As <see cref="Read(string?, string?, Dictionary{string, ProblemText[]}, int)"/>, with the errors in one language.</summary>
    public static Paging Read(string? limit, string? offset, Dictionary<string, string[]> errors, bool english, int defaultLimit = 100)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problems = new Dictionary<string, ProblemText[]>();
        var page = Read(limit, offset, problems, defaultLimit);
        foreach (var (field, texts) in problems)
        {
            errors[field] = [.. texts.Select(t => english ? t.En : t.Zh)];
        }

        return page;
    }

    /// <summary>
    /// The page an API client asked for, or (as <paramref name="problem"/>) a 400 naming each field out of range, in the
    /// request's language: for a list whose only query to check is its page.
    /// </summary>
    public static Paging Read(string? limit, string? offset, out IResult? problem, int defaultLimit = 100)
    {
        var errors = new Dictionary<string, ProblemText[]>();
        var page = Read(limit, offset, errors, defaultLimit);
        problem = errors.Count > 0 ? Problems.Validation(errors) : null;
        return page;
    }

    /// <summary>Where the previous page starts, or null on the first.</summary>
    public int? Previous => Offset > 0 ? Math.Max(Offset - Limit, 0) : null;

    /// <summary>Where the next page starts, or null when <paramref name="total"/> ends on this one.</summary>
    public int? Next(int total) => (long)Offset + Limit < total ? Offset + Limit : null;
}
