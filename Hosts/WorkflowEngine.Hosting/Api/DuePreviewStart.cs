using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The instant a due-date preview counts from, read from a chosen date (<c>YYYY-MM-DD</c>) and time (<c>HH:mm</c>) in
/// the calendar's zone: 09:00 on a date given without a time, now when neither is given. Where either cannot be read,
/// <see cref="Errors"/> says why per field (<c>start</c>, <c>at</c>) and <see cref="At"/> is now. Shared by the
/// definition page and its API, so both count from the same instant.
/// </summary>
public sealed record DuePreviewStart(DateTimeOffset At, string Date, string Time, IReadOnlyDictionary<string, ProblemText> Errors)
{
    public static DuePreviewStart Read(string? start, string? at, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var errors = new Dictionary<string, ProblemText>(StringComparer.Ordinal);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (!string.IsNullOrWhiteSpace(start)
            && !(Shaped(start.Trim(), "dddd-dd-dd")
                 && DateOnly.TryParseExact(start.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)))
        {
            errors["start"] = new ProblemText("受理日期应写作 YYYY-MM-DD", "The start date must read YYYY-MM-DD");
        }
        else if (date < CalendarsEndpoints.FirstQueryDate || date > CalendarsEndpoints.LastQueryDate)
        {
            errors["start"] = new ProblemText(
                $"受理日期须在 {CalendarsEndpoints.FirstQueryDate:yyyy-MM-dd} 至 {CalendarsEndpoints.LastQueryDate:yyyy-MM-dd} 之间",
                $"The start date must lie between {CalendarsEndpoints.FirstQueryDate:yyyy-MM-dd} and {CalendarsEndpoints.LastQueryDate:yyyy-MM-dd}");
        }

        var clock = string.IsNullOrWhiteSpace(start) && string.IsNullOrWhiteSpace(at) ? TimeOnly.FromDateTime(local.DateTime) : new TimeOnly(9, 0);
        if (!string.IsNullOrWhiteSpace(at)
            && !(Shaped(at.Trim(), "dd:dd") && TimeOnly.TryParseExact(at.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out clock)))
        {
            errors["at"] = new ProblemText("受理时刻应写作 HH:mm（如 09:30）", "The start time must read HH:mm (e.g. 09:30)");
        }

        if (errors.Count > 0)
        {
            // Counted from now; the fields keep what was typed, with their errors.
            return new DuePreviewStart(local, start ?? "", at ?? "", errors);
        }

        var chosen = date.ToDateTime(clock);
        return new DuePreviewStart(
            new DateTimeOffset(chosen, zone.GetUtcOffset(chosen)),
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            clock.ToString("HH:mm", CultureInfo.InvariantCulture),
            errors);
    }

    /// <summary>
    /// Whether <paramref name="text"/> has exactly the characters of <paramref name="shape"/>, where <c>d</c> is an ASCII
    /// digit: the parser alone would take a sign ("+2026-01-01") and count from a date nobody wrote.
    /// </summary>
    private static bool Shaped(string text, string shape) =>
        text.Length == shape.Length && text.Zip(shape).All(p => p.Second == 'd' ? char.IsAsciiDigit(p.First) : p.First == p.Second);
}
