using WorkflowEngine.Calendars;

namespace WorkflowEngine.Definitions.Calendars;

/// <summary>
/// Where a year's arrangement contradicts the years already loaded. A notice may name days up to a month into the
/// neighbouring years (元旦 from 30 December, a make-up Saturday before it); the calendar counts each date with the
/// last year that names it, so two years naming one date differently would make the count depend on the order they
/// were loaded in. A date only one of them names is no clash: the later notice adds to the earlier.
/// </summary>
public static class CalendarYearClashes
{
    public static IReadOnlyList<CalendarDayClash> Of(CalendarYear year, IEnumerable<CalendarYear> loaded)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(loaded);
        var clashes = new List<CalendarDayClash>();
        var others = loaded.Where(y => y.Year != year.Year).Select(y => (y.Year, Days: DaysOf(y))).ToList();
        foreach (var (path, date, said) in Named(year))
        {
            foreach (var (other, days) in others)
            {
                if (days.TryGetValue(date, out var theirs) && theirs != said)
                {
                    clashes.Add(new CalendarDayClash(path, date, year.Year, other, Words(said), Words(theirs)));
                }
            }
        }

        return clashes;
    }

    /// <summary>Each date the arrangement names, at the key that names it.</summary>
    private static IEnumerable<(string Path, DateOnly Date, (DayKind Kind, string Name) Day)> Named(CalendarYear year)
    {
        for (var i = 0; i < year.Holidays.Count; i++)
        {
            var holiday = year.Holidays[i];
            for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
            {
                yield return ($"holidays[{i}]", d, (DayKind.Holiday, holiday.Name));
            }
        }

        for (var i = 0; i < year.MakeUpWorkdays.Count; i++)
        {
            yield return ($"makeUpWorkdays[{i}]", year.MakeUpWorkdays[i].Date, (DayKind.MakeUpWorkday, year.MakeUpWorkdays[i].For));
        }
    }

    private static Dictionary<DateOnly, (DayKind Kind, string Name)> DaysOf(CalendarYear year)
    {
        var days = new Dictionary<DateOnly, (DayKind, string)>();
        foreach (var (_, date, day) in Named(year))
        {
            days[date] = day;
        }

        return days;
    }

    private static (string Zh, string En) Words((DayKind Kind, string Name) day) => day.Kind == DayKind.Holiday
        ? ($"节假日（{day.Name}）", $"a holiday ({HolidayNames.InEnglish(day.Name)})")
        : ($"调休上班日（为{day.Name}调休）", $"a make-up workday (for {HolidayNames.InEnglish(day.Name)})");
}
