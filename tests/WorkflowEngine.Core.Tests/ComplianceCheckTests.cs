using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>The engine's recomputation of a decided step's compliance, and what it flags in a department host's report.</summary>
public sealed class ComplianceCheckTests
{
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 09:00 in Shanghai.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    [Fact]
    public void Recompute_CountsOfficeMinutesRunAndPaused_UpToTheDecision_NotTheLunchBreakNorTheNight()
    {
        // Runs 09:00-10:00 Monday, paused for a supplement until 09:00 Tuesday, decided 10:30 Tuesday.
        List<ClockEvent> clock =
        [
            ClockEvent.Started(Monday),
            ClockEvent.Paused(Monday.AddHours(1), PauseReason.SupplementRequested, "补正"),
            ClockEvent.Resumed(Monday.AddDays(1)),
            ClockEvent.Stopped(Monday.AddDays(1).AddHours(1.5)),
        ];
        var due = new DateTimeOffset(2026, 3, 4, 9, 0, 0, Cst);

        var engine = ComplianceCheck.Recompute(clock, Monday, null, Monday.AddMinutes(5), Monday.AddDays(1).AddHours(1.5), due, Calendar);

        Assert.Equal(60 + 90, engine.WorkingMinutesUsed);
        // 10:00-12:00 and 13:30-17:30 on Monday.
        Assert.Equal(120 + 240, engine.WorkingMinutesPaused);
        Assert.Equal(Monday, engine.ReceivedAt);
        Assert.Equal(Monday.AddMinutes(5), engine.StartedAt);
        Assert.True(engine.OnTime);
    }

    [Fact]
    public void Compare_AHostThatAgrees_IsFlaggedForNothing()
    {
        var (engine, dispatched) = Decided(at: Monday.AddHours(1));
        var host = engine with { ReceivedAt = dispatched.AddSeconds(2), WorkingMinutesUsed = engine.WorkingMinutesUsed + 10 };

        Assert.Empty(ComplianceCheck.Compare(engine, host, host.OnTime, dispatched, sentAt: null, reportedAt: Monday.AddHours(1).AddSeconds(3)));
    }

    [Fact]
    public void Compare_NamesEachDisagreement()
    {
        var (engine, dispatched) = Decided(at: Monday.AddHours(1));
        var reportedAt = Monday.AddHours(5);
        var host = engine with
        {
            ReceivedAt = dispatched.AddHours(-1),
            DueAt = engine.DueAt!.Value.AddDays(-1),
            OnTime = false,
            WorkingMinutesUsed = engine.WorkingMinutesUsed + 31,
            WorkingMinutesPaused = engine.WorkingMinutesPaused + 31,
        };

        var kinds = ComplianceCheck.Compare(engine, host, false, dispatched, null, reportedAt);

        Assert.Equal(
            [ComplianceKinds.OnTimeDiffers, ComplianceKinds.DueDiffers, ComplianceKinds.ClockSkew, ComplianceKinds.Backfilled, ComplianceKinds.WorkingTimeDiffers,
                ComplianceKinds.PausedTimeDiffers],
            kinds);
    }

    [Fact]
    public void Compare_ADecisionDatedAfterItsReportArrived_IsClockSkew_NotBackfilled()
    {
        var (engine, dispatched) = Decided(at: Monday.AddHours(2));

        var kinds = ComplianceCheck.Compare(engine, engine, true, dispatched, sentAt: null, reportedAt: Monday.AddHours(1));

        Assert.Equal([ComplianceKinds.ClockSkew], kinds);
    }

    [Fact]
    public void Compare_WithoutAHostBlock_OnlyTheOnTimeFlagCanDisagree_AndWorkingMinutesTheHostLeftOutAreNotCompared()
    {
        var (engine, dispatched) = Decided(at: Monday.AddHours(1));

        Assert.Empty(ComplianceCheck.Compare(engine, null, true, dispatched, null, Monday.AddDays(3)));
        Assert.Equal([ComplianceKinds.OnTimeDiffers], ComplianceCheck.Compare(engine, null, false, dispatched, null, Monday.AddHours(1)));
        Assert.Empty(ComplianceCheck.Compare(engine, engine with { WorkingMinutesUsed = null, WorkingMinutesPaused = null }, true, dispatched, null, Monday.AddHours(1)));
    }

    [Fact]
    public void Compare_AReportSentAtItsDecision_ThatTheEngineReadsHoursLater_IsNotBackfilled()
    {
        // The engine was down from 10:00 to 13:00: the report, sent at the decision, is read three hours late.
        var (engine, dispatched) = Decided(at: Monday.AddHours(1));

        Assert.Empty(ComplianceCheck.Compare(engine, engine, true, dispatched, sentAt: Monday.AddHours(1), reportedAt: Monday.AddHours(4)));
    }

    [Fact]
    public void Compare_AReportSentHoursAfterTheDecisionItClaims_IsBackfilled_HoweverSoonItArrives()
    {
        var (engine, dispatched) = Decided(at: Monday.AddHours(1));

        var kinds = ComplianceCheck.Compare(engine, engine, true, dispatched, sentAt: Monday.AddHours(4), reportedAt: Monday.AddHours(4).AddSeconds(2));

        Assert.Equal([ComplianceKinds.Backfilled], kinds);
    }

    [Fact]
    public void Compare_AReportSentBeforeTheDecisionItCarries_OrAfterItArrived_IsClockSkew()
    {
        var (engine, dispatched) = Decided(at: Monday.AddHours(1));

        Assert.Equal([ComplianceKinds.ClockSkew], ComplianceCheck.Compare(engine, engine, true, dispatched, Monday.AddMinutes(30), Monday.AddHours(2)));
        Assert.Equal([ComplianceKinds.ClockSkew], ComplianceCheck.Compare(engine, engine, true, dispatched, Monday.AddHours(1.5), Monday.AddHours(1)));
    }

    [Fact]
    public void Compare_AHostThatMissedAPause_IsFlaggedForThePausedTime_AndThirtyMinutesApartIsNoDisagreement()
    {
        // The engine paused the step 10:00-15:00 for a supplement; the host counted the pause from 11:30 (90 office minutes short).
        List<ClockEvent> clock =
        [
            ClockEvent.Started(Monday),
            ClockEvent.Paused(Monday.AddHours(1), PauseReason.SupplementRequested, "补正"),
            ClockEvent.Resumed(Monday.AddHours(6)),
            ClockEvent.Stopped(Monday.AddHours(7)),
        ];
        var decided = Monday.AddHours(7);
        var engine = ComplianceCheck.Recompute(clock, Monday, Monday, null, decided, Monday.AddDays(2), Calendar);
        Assert.Equal(120 + 90, engine.WorkingMinutesPaused);

        var missed = engine with { WorkingMinutesPaused = engine.WorkingMinutesPaused - 90 };
        var close = engine with { WorkingMinutesPaused = engine.WorkingMinutesPaused - 30 };

        Assert.Equal([ComplianceKinds.PausedTimeDiffers], ComplianceCheck.Compare(engine, missed, true, Monday, decided, decided));
        Assert.Empty(ComplianceCheck.Compare(engine, close, true, Monday, decided, decided));
    }

    /// <summary>A step dispatched Monday 09:00, due 11:00, decided at <paramref name="at"/> with no pause.</summary>
    private static (ComplianceView Engine, DateTimeOffset Dispatched) Decided(DateTimeOffset at)
    {
        List<ClockEvent> clock = [ClockEvent.Started(Monday), ClockEvent.Stopped(at)];
        return (ComplianceCheck.Recompute(clock, Monday, Monday, null, at, Monday.AddHours(2), Calendar), Monday);
    }
}
