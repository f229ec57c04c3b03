using System.Collections.Frozen;
using System.Globalization;

namespace WorkflowEngine.Calendars;

/// <summary>
/// Statutory working time: weekends and public holidays off, make-up workdays on, office hours in the calendar's zone.
/// Immutable and thread-safe; built once from <see cref="CalendarData"/>.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenDictionary<DateOnly, CalendarDay> _special;
    private readonly FrozenSet<int> _announcedYears;
    private readonly OfficePeriod[] _office;
    private readonly long _officeTicksPerDay;

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
        _officeTicksPerDay = _office.Sum(p => p.Length.Ticks);
        _announcedYears = data.Years.Select(y => y.Year).ToFrozenSet();
        var special = new Dictionary<DateOnly, CalendarDay>();
        // The announced years first, then the calendar's own changes over them: a change overrides the notice's day.
        foreach (var year in data.Years.Concat(data.Changes))
        {
            var source = year.DeclaredBy ?? data.Id;
            // A notice's days are announced; a change's only once the notice of its year is on file.
            var announced = _announcedYears.Contains(year.Year);
            foreach (var holiday in year.Holidays)
            {
                for (var d = holiday.From; d <= holiday.To; d = d.AddDays(1))
                {
                    special[d] = new CalendarDay(d, DayKind.Holiday, holiday.Name, announced) { Source = source };
                }
            }

            foreach (var makeUp in year.MakeUpWorkdays)
            {
                special[makeUp.Date] = new CalendarDay(makeUp.Date, DayKind.MakeUpWorkday, makeUp.For, announced) { Source = source };
            }
        }

        _special = special.ToFrozenDictionary();
        Version = VersionOf(Zone.Id, _office, _special.Values);
    }

    /// <summary>The first date the calendar computes with: Asia/Shanghai keeps standard time (+08:00) from 1901.</summary>
    public static DateOnly FirstSupportedDate { get; } = new(1901, 1, 1);

    /// <summary>The last date the calendar computes with, far beyond any limit a definition may set.</summary>
    public static DateOnly LastSupportedDate { get; } = new(2299, 12, 31);

    public CalendarData Data { get; }

    /// <summary>
    /// What the calendar counts with, as a short hash: the zone, the office hours and every dated exception. Two
    /// calendars with the same version give the same answers, wherever they were built (the engine, a department host).
    /// </summary>
    public string Version { get; }

    public string Id => Data.Id;

    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<OfficePeriod> OfficeHours => _office;

    /// <summary>The office hours of one working day; "0.5 working day" is half of this.</summary>
    public double HoursPerDay { get; }

    /// <summary>The years whose official holiday notice is on file.</summary>
    public IReadOnlyCollection<int> AnnouncedYears => _announcedYears;

    /// <summary>
    /// The years from <paramref name="from"/>'s to <paramref name="to"/>'s, in order, whose holiday notice is not on file:
    /// their dates count weekends only, and the notice may yet move what was counted on them. Empty when
    /// <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public IReadOnlyList<int> UnannouncedYears(DateOnly from, DateOnly to)
    {
        var missing = new List<int>();
        for (var year = from.Year; year <= to.Year; year++)
        {
            if (!_announcedYears.Contains(year))
            {
                missing.Add(year);
            }
        }

        return missing;
    }

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

    /// <summary>Each date from <paramref name="from"/> to <paramref name="to"/>, both within the supported range.</summary>
    public IEnumerable<CalendarDay> Days(DateOnly from, DateOnly to)
    {
        CheckInRange(from, nameof(from));
        CheckInRange(to, nameof(to));
        return Enumerate(from, to);

        IEnumerable<CalendarDay> Enumerate(DateOnly first, DateOnly last)
        {
            for (var d = first; d <= last; d = d.AddDays(1))
            {
                yield return Describe(d);
            }
        }
    }

    /// <summary>
    /// The due instant of a limit started at <paramref name="from"/>. Whole working days count as the law counts periods:
    /// the starting day is not counted and the period ends at the close of office on the last working day. Hours run
    /// through office hours only; so does the fraction of a day, after the whole days (a working day being
    /// <see cref="HoursPerDay"/> of office time), so that a longer limit never falls due earlier.
    /// </summary>
    public DateTimeOffset Add(DateTimeOffset from, WorkingTimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (limit.WorkingDays is { } days)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(days, nameof(limit));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(days, SupportedDays, nameof(limit));
            var whole = decimal.Truncate(days);
            var end = whole > 0 ? AddWorkingDays(from, (int)whole) : from;
            return whole == days ? end : AddWorkingHours(end, OfficeTime(days - whole));
        }

        var hours = limit.WorkingHours ?? 0;
        ArgumentOutOfRangeException.ThrowIfNegative(hours, nameof(limit));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hours, SupportedDays * 24, nameof(limit));
        return AddWorkingHours(from, Ticks(hours * TimeSpan.TicksPerHour));
    }

    /// <summary>Close of office on the <paramref name="days"/>-th working day after the local date of <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = DateOnly.FromDateTime(Local(from, nameof(from)));
        if (days == 0)
        {
            return from;
        }

        var counted = 0;
        while (counted < days)
        {
            date = NextDay(date);
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
        var local = Local(from, nameof(from));
        if (duration == TimeSpan.Zero)
        {
            return from;
        }

        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
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

            date = NextDay(date);
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
        var startDate = DateOnly.FromDateTime(Local(from, nameof(from)));
        var endDate = DateOnly.FromDateTime(Local(to, nameof(to)));
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

    /// <summary>
    /// When to remind of a <paramref name="period"/> started at <paramref name="from"/>, <paramref name="before"/> ahead of
    /// its end: in whole working days when both are (so a day before a due time at a day's close is the previous day's
    /// close), else in office hours; null when there is no time for it. For 容缺 materials and 补正 requests alike.
    /// </summary>
    public DateTimeOffset? ReminderAt(DateTimeOffset from, WorkingTimeLimit period, WorkingTimeLimit before)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(before);
        if (period.WorkingDays is { } days && before.WorkingDays is { } ahead)
        {
            return days > ahead ? Add(from, WorkingTimeLimit.Days(days - ahead)) : null;
        }

        var allowed = OfficeTimeOf(period);
        var reminder = OfficeTimeOf(before);
        return allowed > reminder ? Add(from, WorkingTimeLimit.Hours((decimal)(allowed - reminder).TotalHours)) : null;
    }

    /// <summary>The office time a limit grants: a working day is <see cref="HoursPerDay"/> of it.</summary>
    public TimeSpan OfficeTimeOf(WorkingTimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return limit.WorkingDays is { } days ? OfficeTime(days) : Ticks((limit.WorkingHours ?? 0) * TimeSpan.TicksPerHour);
    }

    /// <summary>
    /// Where a limit started at <paramref name="from"/> begins to count office time. A limit of whole working days
    /// does not count the starting day (see <see cref="Add"/>), so it counts from that day's close of office; hours and
    /// fractions of one day count at once. From there <see cref="Add"/> ends after exactly <see cref="OfficeTimeOf"/>.
    /// </summary>
    public DateTimeOffset CountingStart(DateTimeOffset from, WorkingTimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (limit.WorkingDays is not >= 1)
        {
            return from;
        }

        var close = AtLocal(DateOnly.FromDateTime(Local(from, nameof(from))), _office[^1].End);
        return close > from ? close : from;
    }

    /// <summary>Midnight at the start of a local date, in the calendar's zone.</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => AtLocal(date, TimeOnly.MinValue);

    /// <summary>The local date of an instant in the calendar's zone.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant, nameof(instant)));

    /// <summary>How many calendar days the supported range spans: no limit can be longer in working days.</summary>
    private static decimal SupportedDays => LastSupportedDate.DayNumber - FirstSupportedDate.DayNumber;

    /// <summary>A fraction of a working day as office time, to the tick (a double's rounding left 11:47:59.9999999).</summary>
    private TimeSpan OfficeTime(decimal fractionOfADay) => Ticks(fractionOfADay * _officeTicksPerDay);

    private static TimeSpan Ticks(decimal ticks) => TimeSpan.FromTicks((long)decimal.Round(ticks, MidpointRounding.AwayFromZero));

    /// <summary>The instant in the calendar's zone, refused when its date is outside the supported range.</summary>
    private DateTime Local(DateTimeOffset instant, string name)
    {
        // Converting an instant at the very ends of DateTimeOffset to another zone overflows, so look at UTC first.
        var utc = instant.UtcDateTime;
        if (utc.Year < FirstSupportedDate.Year - 1 || utc.Year > LastSupportedDate.Year + 1)
        {
            throw OutOfRange(name, DateOnly.FromDateTime(utc));
        }

        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        CheckInRange(DateOnly.FromDateTime(local), name);
        return local;
    }

    private static void CheckInRange(DateOnly date, string name)
    {
        if (date < FirstSupportedDate || date > LastSupportedDate)
        {
            throw OutOfRange(name, date);
        }
    }

    /// <summary>The next date, refused past the supported range: a limit that would end there has no meaning.</summary>
    private static DateOnly NextDay(DateOnly date) =>
        date < LastSupportedDate ? date.AddDays(1) : throw OutOfRange("limit", date.AddDays(1));

    private static ArgumentOutOfRangeException OutOfRange(string name, DateOnly date) =>
        new(name, date, string.Create(
            CultureInfo.InvariantCulture,
            $"The working calendar computes dates from {FirstSupportedDate:yyyy-MM-dd} to {LastSupportedDate:yyyy-MM-dd}; {date:yyyy-MM-dd} is outside that range."));

    private static string VersionOf(string zone, OfficePeriod[] office, IEnumerable<CalendarDay> special)
    {
        var text = new System.Text.StringBuilder(zone);
        foreach (var period in office)
        {
            text.Append('|').Append(period);
        }

        foreach (var day in special.OrderBy(d => d.Date))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{day.Date:yyyy-MM-dd}:{(day.IsWorkingDay ? 'W' : 'H')}");
        }

        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
