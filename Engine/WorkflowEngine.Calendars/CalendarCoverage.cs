using System.Globalization;

namespace WorkflowEngine.Calendars;

/// <summary>
/// Which holiday arrangements an operator must load: the current year's always, and from 1 December (in the calendar's
/// zone) next year's, since the State Council publishes it late in the year and due times soon count into it. Until it
/// is loaded, those due times count weekends only and are shown as provisional (暂定). A calendar that inherits its
/// years is never listed itself: its missing year is its parent's, named with the calendars that follow it.
/// </summary>
public static class CalendarCoverage
{
    /// <summary>The first month in which next year's arrangement is expected to be loaded.</summary>
    public const int NextYearExpectedFromMonth = 12;

    public static IReadOnlyList<MissingArrangement> Missing(IEnumerable<WorkingCalendar> calendars, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var all = calendars.OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        var missing = new List<MissingArrangement>();
        foreach (var calendar in all.Where(c => c.Data.YearsFrom is null))
        {
            var followers = all.Where(c => c.Data.YearsFrom == calendar.Id).Select(c => c.Id).ToArray();
            var today = calendar.DateOf(now);
            if (!calendar.AnnouncedYears.Contains(today.Year))
            {
                missing.Add(new MissingArrangement(calendar.Id, today.Year, Reason(calendar.Id, followers, today.Year, "this year's")));
            }

            if (today.Month >= NextYearExpectedFromMonth && !calendar.AnnouncedYears.Contains(today.Year + 1))
            {
                missing.Add(new MissingArrangement(calendar.Id, today.Year + 1, Reason(calendar.Id, followers, today.Year + 1, "next year's")));
            }
        }

        return missing;
    }

    private static string Reason(string calendarId, string[] followers, int year, string which) => string.Create(
        CultureInfo.InvariantCulture,
        $"Calendar '{calendarId}' has no holiday arrangement loaded for {year} ({which}): due times counted through {year} count weekends only and are shown as provisional (暂定). Load it with PUT /api/calendars/{calendarId}/years/{year} once the State Council publishes it.{(followers.Length > 0 ? $" The calendars inheriting its years get it with it: {string.Join(", ", followers)}." : "")}");
}
