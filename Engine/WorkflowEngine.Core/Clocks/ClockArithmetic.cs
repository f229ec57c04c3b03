using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// Due times derived from a clock's log on a calendar, the only way the engine gets one. The limit grants
/// <see cref="WorkingCalendar.OfficeTimeOf"/> of office time from <see cref="WorkingCalendar.CountingStart"/>,
/// extensions add theirs, and pauses spend none; the due time is where the running stretches have used it all.
/// Pure: the same log, limit and calendar always give the same answer.
/// </summary>
public static class ClockArithmetic
{
    /// <summary>The due time of a limit; null before the start and while the clock is paused (it has none then).</summary>
    public static DateTimeOffset? DueAt(IReadOnlyList<ClockEvent>? events, WorkingTimeLimit limit, WorkingCalendar calendar) =>
        DueAt(ClockTimeline.Of(events), limit, calendar, resumeAt: null);

    /// <summary>The due time; a paused clock's as if it resumed at <paramref name="resumeAt"/>.</summary>
    public static DateTimeOffset? DueAt(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar, DateTimeOffset? resumeAt)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return Reached(timeline, limit, calendar, resumeAt, Allowance(timeline, limit, calendar));
    }

    /// <summary>
    /// When the clock will have used <paramref name="share"/> of its allowance (limit and extensions): where it turns
    /// yellow (<see cref="DeadlineWarnings"/>). Null before the start and while paused, like the due time.
    /// </summary>
    public static DateTimeOffset? ShareReachedAt(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar, double share)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        return Reached(timeline, limit, calendar, null, Allowance(timeline, limit, calendar) * share);
    }

    /// <summary>Where the running stretches of the log have used <paramref name="remaining"/> office time.</summary>
    private static DateTimeOffset? Reached(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar, DateTimeOffset? resumeAt, TimeSpan remaining)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (timeline.StartedAt is not { } start)
        {
            return null;
        }

        var countFrom = calendar.CountingStart(start, limit);
        var tail = countFrom;
        foreach (var period in timeline.Periods)
        {
            if (period.IsPause)
            {
                if (period.To is { } resumed)
                {
                    tail = Max(tail, resumed);
                    continue;
                }

                if (resumeAt is not { } assumed)
                {
                    return null;
                }

                tail = Max(tail, Max(assumed, period.From));
                continue;
            }

            var from = Max(period.From, countFrom);
            if (period.To is not { } to)
            {
                return calendar.AddWorkingHours(from, remaining);
            }

            var available = calendar.WorkingTimeBetween(from, to);
            if (remaining <= available)
            {
                return calendar.AddWorkingHours(from, remaining);
            }

            remaining -= available;
            tail = Max(tail, to);
        }

        // Stopped (or paused) before the limit was used up: where it would have ended going on from there.
        return calendar.AddWorkingHours(tail, remaining);
    }

    /// <summary>The office time a limit grants plus every extension's.</summary>
    public static TimeSpan Allowance(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.OfficeTimeOf(limit) + Extended(timeline, calendar);
    }

    /// <summary>How one limit comes to its due time, as of <paramref name="now"/>.</summary>
    public static LimitExplanation Explain(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(calendar);
        var start = timeline.StartedAt ?? now;
        var countFrom = calendar.CountingStart(start, limit);
        var asOf = timeline.StoppedAt is { } stopped && stopped < now ? stopped : now;
        var paused = timeline.Status == ClockStatus.Paused;
        var due = DueAt(timeline, limit, calendar, paused ? Max(asOf, timeline.Periods[^1].From) : null);
        if (timeline.StartedAt is null)
        {
            // Not started: what the limit would come to if it started now.
            due = calendar.Add(now, limit);
        }

        var horizon = due is { } d && d > asOf ? d : asOf;
        var running = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var pauses = new List<(DateTimeOffset From, DateTimeOffset To, ClockEvent Pause)>();
        foreach (var period in timeline.Periods)
        {
            if (period.Pause is { } pause)
            {
                pauses.Add((period.From, period.To ?? Max(asOf, period.From), pause));
            }
            else
            {
                running.Add((period.From, period.To ?? horizon));
            }
        }

        if (paused)
        {
            // The projected due time assumes the clock runs again from now on.
            running.Add((Max(asOf, timeline.Periods[^1].From), horizon));
        }
        else if (timeline.StartedAt is null)
        {
            running.Add((now, horizon));
        }

        var notCounted = new List<UncountedDay>();
        var makeUps = new List<CountedMakeUpWorkday>();
        var firstDate = calendar.DateOf(start);
        var lastDate = calendar.DateOf(horizon);
        for (var date = firstDate; date <= lastDate; date = date.AddDays(1))
        {
            var day = calendar.Describe(date);
            if (!day.IsWorkingDay)
            {
                notCounted.Add(new UncountedDay(date, day.Kind == DayKind.Holiday ? UncountedReason.Holiday : UncountedReason.Weekend, day.Name, TimeSpan.Zero));
                continue;
            }

            var dayStart = Max(calendar.StartOfDay(date), countFrom);
            var dayEnd = calendar.StartOfDay(date.AddDays(1));
            var counted = Overlap(running.Select(r => (r.From, r.To)), dayStart, dayEnd, calendar);
            var pausedPeriods = pauses.Where(p => p.From < dayEnd && p.To > dayStart).ToList();
            var pausedTime = Overlap(pausedPeriods.Select(p => (p.From, p.To)), dayStart, dayEnd, calendar);
            if (pausedTime > TimeSpan.Zero)
            {
                var pause = pausedPeriods[0].Pause;
                notCounted.Add(new UncountedDay(date, pause.Reason switch
                {
                    PauseReason.ExcludedPeriod => UncountedReason.ExcludedPeriod,
                    PauseReason.MaterialOverdue => UncountedReason.MaterialOverdue,
                    _ => UncountedReason.SupplementRequested,
                },
                    pause.Text, pausedTime) { PauseTextEn = pause.TextEn });
            }
            else if (date == firstDate && countFrom > start)
            {
                notCounted.Add(new UncountedDay(date, UncountedReason.StartDay, null, calendar.WorkingTimeBetween(start, countFrom)));
            }

            if (day.Kind == DayKind.MakeUpWorkday && counted > TimeSpan.Zero)
            {
                makeUps.Add(new CountedMakeUpWorkday(date, day.Name ?? "", counted));
            }
        }

        return new LimitExplanation
        {
            Limit = limit,
            CountsFrom = countFrom,
            DueAt = due,
            DueAtIfResumedNow = paused,
            Granted = calendar.OfficeTimeOf(limit),
            Extended = Extended(timeline, calendar),
            Used = timeline.StartedAt is null ? TimeSpan.Zero : Overlap(timeline.Periods.Where(p => !p.IsPause).Select(p => (p.From, p.To ?? asOf)), countFrom, asOf, calendar),
            Paused = Overlap(pauses.Select(p => (p.From, p.To)), countFrom, asOf, calendar),
            Overdue = due is { } dueAt && asOf > dueAt,
            Provisional = ProvisionalDue.Of(calendar, start, due),
            NotCounted = notCounted,
            MakeUpWorkdays = makeUps,
        };
    }

    private static TimeSpan Extended(ClockTimeline timeline, WorkingCalendar calendar) =>
        timeline.Extensions.Aggregate(TimeSpan.Zero, (sum, e) => sum + calendar.OfficeTimeOf(e.Added!));

    /// <summary>The office time of the periods inside [from, to).</summary>
    private static TimeSpan Overlap(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> periods, DateTimeOffset from, DateTimeOffset to, WorkingCalendar calendar) =>
        periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + calendar.WorkingTimeBetween(Max(p.From, from), p.To < to ? p.To : to));

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
