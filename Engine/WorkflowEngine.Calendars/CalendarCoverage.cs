using System.Globalization;

namespace WorkflowEngine.Calendars;

/// <summary>
/// Which holiday arrangements an operator must load: the current year's always, and from 1 December (in the calendar's
/// zone) next year's, since the State Council publishes it late in the year and due times soon count into it. Until it
/// is loaded, those due times count weekends only and are shown as provisional (暂定).
/// </summary>
public static class CalendarCoverage
{
    /// <summary>The first month in which next year's arrangement is expected to be loaded.</summary>
    public const int NextYearExpectedFromMonth = 12;

    public static IReadOnlyList<MissingArrangement> Missing(IEnumerable<WorkingCalendar> calendars, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendars);
        var missing = new List<MissingArrangement>();
        foreach (var calendar in calendars.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var today = calendar.DateOf(now);
            if (!calendar.AnnouncedYears.Contains(today.Year))
            {
                missing.Add(new MissingArrangement(calendar.Id, today.Year, Reason(calendar.Id, today.Year, "this year's")));
            }

            if (today.Month >= NextYearExpectedFromMonth && !calendar.AnnouncedYears.Contains(today.Year + 1))
            {
                missing.Add(new MissingArrangement(calendar.Id, today.Year + 1, Reason(calendar.Id, today.Year + 1, "next year's")));
            }
        }

        return missing;
    }

    private static string Reason(string calendarId, int year, string which) => string.Create(
        CultureInfo.InvariantCulture,
        $"Calendar '{calendarId}' has no holiday arrangement loaded for {year} ({which}): due times counted through {year} count weekends only and are shown as provisional (暂定). Load it with PUT /api/calendars/{calendarId}/years/{year} once the State Council publishes it.");
}
