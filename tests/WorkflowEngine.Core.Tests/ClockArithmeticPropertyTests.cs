using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// Laws of a clock's due time as an applicant or a clerk would check them by hand: a clock that never stops is due
/// where the calendar says, a pause moves the due time by exactly the office time it lasted (and never earlier), an
/// extension by exactly what it adds, and the explanation adds up.
/// </summary>
public sealed class ClockArithmeticPropertyTests
{
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;
    private const long Iterations = 5_000;

    private static readonly Gen<DateTimeOffset> Starts = ClockGenerators.Starts;

    private static readonly Gen<WorkingTimeLimit> Limits = ClockGenerators.Limits;

    /// <summary>A pause: how long after the start it begins, and how long it lasts (minutes, up to 40 and 20 days).</summary>
    private static readonly Gen<(int After, int Length)> Pauses = Gen.Select(Gen.Int[0, 40 * 24 * 60], Gen.Int[1, 20 * 24 * 60]);

    private static DateTimeOffset Due(WorkingTimeLimit limit, params ClockEvent[] events) =>
        ClockArithmetic.DueAt(events, limit, Calendar) ?? throw new InvalidOperationException("no due time");

    [Fact]
    public void WithoutPauses_TheDueTimeIsTheCalendarsAddition() =>
        Gen.Select(Starts, Limits).Sample(
            (start, limit) => Assert.Equal(Calendar.Add(start, limit), Due(limit, ClockEvent.Started(start))),
            iter: Iterations);

    [Fact]
    public void StoppingBeforeTheDueTime_DoesNotMoveIt() =>
        Gen.Select(Starts, Limits, Gen.Int[0, 60 * 24 * 60]).Sample(
            (start, limit, after) =>
            {
                var due = Due(limit, ClockEvent.Started(start));
                Assert.Equal(due, Due(limit, ClockEvent.Started(start), ClockEvent.Stopped(start.AddMinutes(after))));
            },
            iter: Iterations);

    [Fact]
    public void APause_NeverMakesTheDueTimeEarlier() =>
        Gen.Select(Starts, Limits, Pauses).Sample(
            (start, limit, pause) =>
            {
                var due = Due(limit, ClockEvent.Started(start));
                var paused = Due(limit, ClockEvent.Started(start),
                    ClockEvent.Paused(start.AddMinutes(pause.After), PauseReason.SupplementRequested, "补正"),
                    ClockEvent.Resumed(start.AddMinutes(pause.After + pause.Length)));
                Assert.True(paused >= due, $"{limit} from {start:O}: {due:O} without the pause, {paused:O} with it");
            },
            iter: Iterations);

    [Fact]
    public void APauseBeforeTheDueTime_MovesItByExactlyTheOfficeTimePaused_AndOneAfterItNotAtAll() =>
        Gen.Select(Starts, Limits, Pauses).Sample(
            (start, limit, pause) =>
            {
                var due = Due(limit, ClockEvent.Started(start));
                var from = start.AddMinutes(pause.After);
                var to = start.AddMinutes(pause.After + pause.Length);
                var countFrom = Calendar.CountingStart(start, limit);
                var expected = from < due ? Calendar.AddWorkingHours(due, Calendar.WorkingTimeBetween(from > countFrom ? from : countFrom, to)) : due;
                var paused = Due(limit, ClockEvent.Started(start),
                    ClockEvent.Paused(from, PauseReason.ExcludedPeriod, "专家评审"), ClockEvent.Resumed(to));
                Assert.Equal(expected, paused);
            },
            iter: Iterations);

    [Fact]
    public void AnExtension_AddsExactlyItsOfficeTime() =>
        Gen.Select(Starts, Limits, Gen.Int[1, 15], Gen.Int[0, 20 * 24 * 60]).Sample(
            (start, limit, days, after) =>
            {
                var due = Due(limit, ClockEvent.Started(start));
                var added = WorkingTimeLimit.Days(days);
                var extended = Due(limit, ClockEvent.Started(start), ClockEvent.Extended(start.AddMinutes(after), "samr-supervisor", "需现场核查", added));
                Assert.Equal(Calendar.AddWorkingHours(due, Calendar.OfficeTimeOf(added)), extended);
                Assert.Equal(Calendar.OfficeTimeOf(added), Calendar.WorkingTimeBetween(due, extended));
            },
            iter: Iterations);

    [Fact]
    public void AtTheDueTime_AllTheTimeGrantedIsUsed_AndNoneLeft() =>
        Gen.Select(Starts, Limits, Pauses, Gen.Int[0, 5]).Sample(
            (start, limit, pause, days) =>
            {
                var events = new[]
                {
                    ClockEvent.Started(start),
                    ClockEvent.Paused(start.AddMinutes(pause.After), PauseReason.SupplementRequested, "补正"),
                    ClockEvent.Resumed(start.AddMinutes(pause.After + pause.Length)),
                    ClockEvent.Extended(start, "supervisor", "延期", WorkingTimeLimit.Days(days + 1)),
                };
                var timeline = ClockTimeline.Of(events);
                var due = ClockArithmetic.DueAt(timeline, limit, Calendar, null)!.Value;
                var explained = ClockArithmetic.Explain(timeline, limit, Calendar, due);
                Assert.Equal(due, explained.DueAt);
                Assert.Equal(explained.Granted + explained.Extended, explained.Used);
                Assert.Equal(TimeSpan.Zero, explained.Left);
                Assert.False(explained.Overdue);
                Assert.Equal(Calendar.WorkingTimeBetween(explained.CountsFrom, due), explained.Used + explained.Paused);
            },
            iter: Iterations);

    [Fact]
    public void WholeWorkingDays_AreTheDatesAfterTheStartLessTheDaysNotCounted() =>
        Gen.Select(Starts, Gen.Int[1, 30]).Sample(
            (start, days) =>
            {
                var limit = WorkingTimeLimit.Days(days);
                var timeline = ClockTimeline.Of([ClockEvent.Started(start)]);
                var explained = ClockArithmetic.Explain(timeline, limit, Calendar, start);
                var startDate = Calendar.DateOf(start);
                var dueDate = Calendar.DateOf(explained.DueAt!.Value);
                var offDays = explained.NotCounted.Count(d => d.Date > startDate && d.Reason is UncountedReason.Weekend or UncountedReason.Holiday);
                Assert.Equal(days, dueDate.DayNumber - startDate.DayNumber - offDays);
                Assert.All(explained.MakeUpWorkdays, m => Assert.Equal(DayKind.MakeUpWorkday, Calendar.Describe(m.Date).Kind));
            },
            iter: Iterations);

    [Fact]
    public void WhilePausedBeforeTheLimitIsUsedUp_ThereIsNoDueTime_AndTheProjectionMovesWithTheClock() =>
        Gen.Select(Starts, Limits, Gen.Int[0, 3 * 24 * 60], Gen.Int[1, 10 * 24 * 60]).Sample(
            (start, limit, after, waited) =>
            {
                var pausedAt = start.AddMinutes(after);
                var events = new[] { ClockEvent.Started(start), ClockEvent.Paused(pausedAt, PauseReason.SupplementRequested, "补正") };
                // Paused once the limit had passed, the clock keeps the due time it missed.
                var running = Due(limit, ClockEvent.Started(start));
                Assert.Equal(pausedAt < running ? null : running, ClockArithmetic.DueAt(events, limit, Calendar));
                var now = pausedAt.AddMinutes(waited);
                var explained = ClockArithmetic.Explain(ClockTimeline.Of(events), limit, Calendar, now);
                Assert.True(explained.DueAtIfResumedNow);
                Assert.Equal(Due(limit, [.. events, ClockEvent.Resumed(now)]), explained.DueAt);
            },
            iter: Iterations);
}
