using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>Clocks on dates a service centre knows by heart: National Day 2026 and the 调休 around it.</summary>
public sealed class ClockArithmeticTests
{
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset EveOfNationalDay = new(2026, 9, 30, 10, 0, 0, Cst);
    private static readonly WorkingTimeLimit EightDays = WorkingTimeLimit.Days(8);

    [Fact]
    public void EightWorkingDays_StartedOnTheEveOfNationalDay_EndOnFriday16October()
    {
        // 9-30 not counted; 10-01..07 国庆节; 10-08, 09, 10 (Saturday, worked for 国庆节), 12, 13, 14, 15, 16.
        var due = ClockArithmetic.DueAt([ClockEvent.Started(EveOfNationalDay)], EightDays, Calendar);
        Assert.Equal(new DateTimeOffset(2026, 10, 16, 17, 30, 0, Cst), due);
    }

    [Fact]
    public void Explanation_NamesTheHoliday_TheStartDay_TheWeekend_AndTheMakeUpWorkday()
    {
        var explained = ClockArithmetic.Explain(ClockTimeline.Of([ClockEvent.Started(EveOfNationalDay)]), EightDays, Calendar, EveOfNationalDay.AddHours(1));

        Assert.Contains(explained.NotCounted, d => d.Date == new DateOnly(2026, 9, 30) && d.Reason == UncountedReason.StartDay);
        Assert.Equal(7, explained.NotCounted.Count(d => d.Reason == UncountedReason.Holiday && d.Name == "国庆节"));
        Assert.Contains(explained.NotCounted, d => d.Date == new DateOnly(2026, 10, 11) && d.Reason == UncountedReason.Weekend);
        var makeUp = Assert.Single(explained.MakeUpWorkdays);
        Assert.Equal(new DateOnly(2026, 10, 10), makeUp.Date);
        Assert.Equal("国庆节", makeUp.For);
        Assert.Equal(TimeSpan.FromHours(56), explained.Granted);
        Assert.Equal(TimeSpan.Zero, explained.Used);
        Assert.Equal(TimeSpan.FromHours(56), explained.Left);
    }

    [Fact]
    public void ASupplementRequest_OverTwoWorkingDays_MovesTheDueTimeByTwoWorkingDays_AndIsExplained()
    {
        var events = new[]
        {
            ClockEvent.Started(EveOfNationalDay),
            ClockEvent.Paused(new DateTimeOffset(2026, 10, 12, 9, 0, 0, Cst), PauseReason.SupplementRequested, "请补正股东会决议", "samr-clerk"),
            ClockEvent.Resumed(new DateTimeOffset(2026, 10, 13, 17, 30, 0, Cst)),
        };
        var timeline = ClockTimeline.Of(events);

        Assert.Equal(new DateTimeOffset(2026, 10, 20, 17, 30, 0, Cst), ClockArithmetic.DueAt(timeline, EightDays, Calendar, null));
        var explained = ClockArithmetic.Explain(timeline, EightDays, Calendar, new DateTimeOffset(2026, 10, 14, 9, 0, 0, Cst));
        Assert.Equal(TimeSpan.FromHours(14), explained.Paused);
        Assert.Equal(
            [new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 13)],
            explained.NotCounted.Where(d => d.Reason == UncountedReason.SupplementRequested).Select(d => d.Date));
        Assert.All(explained.NotCounted.Where(d => d.Reason == UncountedReason.SupplementRequested), d => Assert.Equal("请补正股东会决议", d.Name));
    }

    [Fact]
    public void AnExcludedPeriod_StillOpen_LeavesNoDueTime_AndTheClockIsPausedWithItsReason()
    {
        var expertReview = ClockEvent.Paused(new DateTimeOffset(2026, 10, 8, 14, 0, 0, Cst), PauseReason.ExcludedPeriod, "专家评审");
        var timeline = ClockTimeline.Of([ClockEvent.Started(EveOfNationalDay), expertReview]);

        Assert.Equal(ClockStatus.Paused, timeline.Status);
        Assert.Equal(expertReview, timeline.CurrentPause);
        Assert.Null(ClockArithmetic.DueAt(timeline, EightDays, Calendar, null));
    }

    [Fact]
    public void AnApprovedExtensionOfTenWorkingDays_AddsTenWorkingDays()
    {
        var events = new[]
        {
            ClockEvent.Started(EveOfNationalDay),
            ClockEvent.Extended(new DateTimeOffset(2026, 10, 15, 10, 0, 0, Cst), "samr-supervisor", "需组织现场核查", WorkingTimeLimit.Days(10)),
        };

        Assert.Equal(new DateTimeOffset(2026, 10, 30, 17, 30, 0, Cst), ClockArithmetic.DueAt(events, EightDays, Calendar));
    }

    [Fact]
    public void HalfAWorkingDay_StartedAt1600OnTheFridayBeforeQingming_EndsAt1100OnTuesday()
    {
        // 16:00–17:30 is 1.5 office hours; 清明节 takes Saturday to Monday; the other 2 hours run from 09:00 on Tuesday.
        var due = ClockArithmetic.DueAt([ClockEvent.Started(new DateTimeOffset(2026, 4, 3, 16, 0, 0, Cst))], WorkingTimeLimit.Days(0.5m), Calendar);
        Assert.Equal(new DateTimeOffset(2026, 4, 7, 11, 0, 0, Cst), due);
    }

    [Fact]
    public void AResumeWhileRunning_AndAnythingAfterTheStop_ChangeNothing()
    {
        var stopped = new DateTimeOffset(2026, 10, 9, 10, 0, 0, Cst);
        var timeline = ClockTimeline.Of([
            ClockEvent.Started(EveOfNationalDay),
            ClockEvent.Resumed(EveOfNationalDay.AddHours(1)),
            ClockEvent.Stopped(stopped),
            ClockEvent.Paused(stopped.AddHours(1), PauseReason.SupplementRequested, "too late"),
        ]);

        Assert.Equal(ClockStatus.Stopped, timeline.Status);
        Assert.Equal(new DateTimeOffset(2026, 10, 16, 17, 30, 0, Cst), ClockArithmetic.DueAt(timeline, EightDays, Calendar, null));
    }
}
