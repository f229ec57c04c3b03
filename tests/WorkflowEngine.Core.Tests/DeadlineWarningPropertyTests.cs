using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// 红黄牌预警 as a supervisor reads it: a running clock turns yellow when three quarters of its limit is used and red at
/// its due time, never the other way round, and a clock stopped in time is never red.
/// </summary>
public sealed class DeadlineWarningPropertyTests
{
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;
    private static readonly Gen<DateTimeOffset> Starts = ClockGenerators.Starts;

    private static readonly Gen<WorkingTimeLimit> Limits = ClockGenerators.Limits;

    private static WarningLevel LevelAt(ClockTimeline timeline, WorkingTimeLimit limit, DateTimeOffset now) =>
        DeadlineWarnings.Of(ClockArithmetic.Explain(timeline, limit, Calendar, now));

    [Fact]
    public void ARunningClock_IsNoneThenYellowThenRed_ChangingExactlyAtYellowAtAndAtItsDueTime() =>
        Gen.Select(Starts, Limits).Sample(
            (start, limit) =>
            {
                var timeline = ClockTimeline.Of([ClockEvent.Started(start)]);
                var yellow = ClockArithmetic.ShareReachedAt(timeline, limit, Calendar, DeadlineWarnings.DefaultYellowShare)!.Value;
                var due = ClockArithmetic.DueAt(timeline, limit, Calendar, null)!.Value;

                Assert.True(start <= yellow && yellow < due, $"{limit} from {start:O}: yellow {yellow:O}, due {due:O}");
                if (Calendar.WorkingTimeBetween(yellow.AddMinutes(-1), yellow) > TimeSpan.Zero)
                {
                    // The minute before, unless the office was closed then (the level cannot change while it is).
                    Assert.Equal(WarningLevel.None, LevelAt(timeline, limit, yellow.AddMinutes(-1)));
                }

                Assert.Equal(WarningLevel.Yellow, LevelAt(timeline, limit, yellow));
                Assert.Equal(WarningLevel.Yellow, LevelAt(timeline, limit, due.AddMinutes(-1)));
                Assert.Equal(WarningLevel.Red, LevelAt(timeline, limit, due));
                Assert.Equal(WarningLevel.Red, LevelAt(timeline, limit, due.AddDays(30)));
            },
            iter: 2_000);

    [Fact]
    public void AClockStoppedBeforeItsDueTime_IsNeverRed_HoweverLongAfter() =>
        Gen.Select(Starts, Limits, Gen.Double[0, 0.99]).Sample(
            (start, limit, share) =>
            {
                var running = ClockTimeline.Of([ClockEvent.Started(start)]);
                var stoppedAt = ClockArithmetic.ShareReachedAt(running, limit, Calendar, Math.Max(share, 0.01))!.Value;
                var stopped = ClockTimeline.Of([ClockEvent.Started(start), ClockEvent.Stopped(stoppedAt)]);

                Assert.NotEqual(WarningLevel.Red, LevelAt(stopped, limit, stoppedAt.AddDays(400)));
            },
            iter: 2_000);
}
