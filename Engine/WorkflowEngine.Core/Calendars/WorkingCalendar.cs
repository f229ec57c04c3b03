using System.Collections.Frozen;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Calendars;

/// <summary>
/// Statutory working time: weekends and public holidays off, make-up workdays on, office hours in the calendar's zone.
/// Immutable and thread-safe; built once from <see cref="CalendarData"/>.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarDay> _special;
    private readonly FrozenSet<int> _announcedYears;
    private readonly OfficePeriod[] _office;

    public WorkingCalendar(CalendarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.OfficeHours.Count == 0)
        {
            throw new ArgumentException($"Calendar '{data.Id}' has no office hours.", nameof(data));
        }

        Data = data;
        Zone = ChinaTime.Find(data.TimeZone);
        _office = [.. data.OfficeHours.OrderBy(p => p.Start)];
        HoursPerDay = _office.Sum(p => p.Length.TotalHours);
        var special = new Dictionary<DateOnly, CalendarDay>();
        foreach (var year in data.Years)
        {
            foreach (var holiday in year.Holidays)
            {
                for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
                {
                    special[d] = new CalendarDay(d, DayKind.Holiday, holiday.Name, true);
                }
            }

            foreach (var makeUp in year.MakeUpWorkdays)
            {
                special[makeUp.Date] = new CalendarDay(makeUp.Date, DayKind.MakeUpWorkday, makeUp.For, true);
            }
        }

        _special = special.ToFrozenDictionary();
        _announcedYears = data.Years.Select(y => y.Year).ToFrozenSet();
    }

    public CalendarData Data { get; }

    public string Id => Data.Id;

    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<OfficePeriod> OfficeHours => _office;

    /// <summary>The office hours of one working day; "0.5 working day" is half of this.</summary>
    public double HoursPerDay { get; }

    /// <summary>The years whose official holiday notice is on file.</summary>
    public IReadOnlyCollection<int> AnnouncedYears => _announcedYears;

    public CalendarDay Describe(DateOnly date)
    {
        if (_special.TryGetValue(date, out var day))
        {
            return day;
        }

        var announced = _announcedYears.Contains(date.Year);
        return date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday
            ? new CalendarDay(date, DayKind.Weekend, null, announced)
            : new CalendarDay(date, DayKind.Workday, null, announced);
    }

    public bool IsWorkingDay(DateOnly date) =>
        _special.TryGetValue(date, out var day) ? day.IsWorkingDay : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public IEnumerable<CalendarDay> Days(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            yield return Describe(d);
        }
    }

    /// <summary>
    /// The due instant of a limit started at <paramref name="from"/>. Whole working days count as the law counts periods:
    /// the starting day is not counted and the period ends at the close of office on the last working day.
    /// Hours, and fractions of a day, run through office hours only.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset from, WorkingTimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (limit.WorkingDays is { } days)
        {
            return days == decimal.Truncate(days)
                ? AddWorkingDays(from, (int)days)
                : AddWorkingHours(from, TimeSpan.FromHours((double)days * HoursPerDay));
        }

        return AddWorkingHours(from, TimeSpan.FromHours((double)(limit.WorkingHours ?? 0)));
    }

    /// <summary>Close of office on the <paramref name="days"/>-th working day after the local date of <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = TimeZoneInfo.ConvertTime(from, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (days == 0)
        {
            return from;
        }

        var counted = 0;
        while (counted < days)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return AtLocal(date, _office[^1].End);
    }

    /// <summary>Runs <paramref name="duration"/> of office time forward from <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingHours(DateTimeOffset from, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return from;
        }

        var local = TimeZoneInfo.ConvertTime(from, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var remaining = duration;
        while (true)
        {
            if (IsWorkingDay(date))
            {
                foreach (var period in _office)
                {
                    if (time >= period.End)
                    {
                        continue;
                    }

                    var start = time > period.Start ? time : period.Start;
                    var available = period.End - start;
                    if (remaining <= available)
                    {
                        return AtLocal(date, start).Add(remaining);
                    }

                    remaining -= available;
                }
            }

            date = date.AddDays(1);
            time = TimeOnly.MinValue;
        }
    }

    /// <summary>The office time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var startDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, Zone).DateTime);
        var endDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, Zone).DateTime);
        for (var date = startDate; date <= endDate; date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
            {
                continue;
            }

            foreach (var period in _office)
            {
                var periodStart = AtLocal(date, period.Start);
                var periodEnd = AtLocal(date, period.End);
                var start = periodStart > from ? periodStart : from;
                var end = periodEnd < to ? periodEnd : to;
                if (end > start)
                {
                    total += end - start;
                }
            }
        }

        return total;
    }

    private DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
