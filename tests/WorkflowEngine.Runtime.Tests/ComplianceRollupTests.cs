using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>What a finish adds to the compliance rollup, and the percentiles read back from its buckets.</summary>
public sealed class ComplianceRollupTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly WorkingCalendar Calendar = Catalog.Calendar;

    /// <summary>Monday 2 March 2026, opening time.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    [Fact]
    public void MedianAndP90_OfAKnownDistribution_AreTheUpperBoundsOfTheBucketsHoldingThem()
    {
        // Ten finishes: the 5th is 90 minutes (bucket 1–2 hours), the 9th 2000 minutes (bucket 33–34 hours).
        int[] minutes = [30, 30, 90, 90, 90, 150, 200, 300, 2000, 10000];
        var counts = new long[HandlingBuckets.Count];
        foreach (var m in minutes)
        {
            counts[HandlingBuckets.Of(m)]++;
        }

        Assert.Equal(2.0, HandlingBuckets.Percentile(counts, 0.5));
        Assert.Equal(34.0, HandlingBuckets.Percentile(counts, 0.9));
        Assert.Null(HandlingBuckets.Percentile(new long[HandlingBuckets.Count], 0.5));
    }

    [Fact]
    public void ABucketHoldsItsUpperBound_AndPastTheLastBoundAllIsTheOpenBucket()
    {
        Assert.Equal(0, HandlingBuckets.Of(0));
        Assert.Equal(0, HandlingBuckets.Of(60));
        Assert.Equal(1, HandlingBuckets.Of(61));
        Assert.Equal(HandlingBuckets.Count - 1, HandlingBuckets.Of(1440 * 60 + 1));
        var counts = new long[HandlingBuckets.Count];
        counts[^1] = 1;
        Assert.Equal(1440.0, HandlingBuckets.Percentile(counts, 0.5));
    }

    [Fact]
    public void JointHandlingDecidedAfter700And900Hours_ReadsThoseHours_NotAFloorAt480()
    {
        // Joint handling (45 + 15 working days) with pauses for testing and expert review runs far past 480 hours.
        var counts = new long[HandlingBuckets.Count];
        counts[HandlingBuckets.Of(700 * 60)]++;
        counts[HandlingBuckets.Of(900 * 60)]++;

        Assert.Equal((700.0, false), (HandlingBuckets.Percentile(counts, 0.5), HandlingBuckets.AtLeast(counts, 0.5)));
        Assert.Equal((900.0, false), (HandlingBuckets.Percentile(counts, 0.9), HandlingBuckets.AtLeast(counts, 0.9)));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(48, 1)]
    [InlineData(480, 8)]
    [InlineData(1440, 20)]
    public void EveryFinishUpToItsRange_ReadsAtMostTheDocumentedErrorTooHigh(int upToHours, int errorHours)
    {
        for (var minutes = 1; minutes <= upToHours * 60; minutes += 7)
        {
            var counts = new long[HandlingBuckets.Count];
            counts[HandlingBuckets.Of(minutes)]++;

            var read = HandlingBuckets.Percentile(counts, 0.5)!.Value * 60;
            Assert.InRange(read - minutes, 0, (errorHours * 60) - 1);
        }
    }

    [Fact]
    public void APercentilePastTheLastBucket_Is1440AndSaysItIsAFloor_AndOneWithinIsNot()
    {
        var counts = new long[HandlingBuckets.Count];
        counts[HandlingBuckets.Of(2000 * 60)]++;

        Assert.Equal((1440.0, true), (HandlingBuckets.Percentile(counts, 0.5), HandlingBuckets.AtLeast(counts, 0.5)));
        Assert.True(HandlingBuckets.AtLeast(counts, 0.9));
        var within = new long[HandlingBuckets.Count];
        within[HandlingBuckets.Of(400 * 60)]++;
        Assert.Equal((400.0, false), (HandlingBuckets.Percentile(within, 0.5), HandlingBuckets.AtLeast(within, 0.5)));
        Assert.False(HandlingBuckets.AtLeast(new long[HandlingBuckets.Count], 0.5));
    }

    [Fact]
    public void FinishesCountedPast480HoursBeforeTheBucketsWentFurther_RankAfter480AndReadAsAFloor()
    {
        // Three finishes in the new buckets (10, 100 and 1000 hours) and two that the earlier scheme kept only as "past 480".
        var counts = new long[HandlingBuckets.Count];
        counts[HandlingBuckets.Of(10 * 60)]++;
        counts[HandlingBuckets.Of(100 * 60)]++;
        counts[HandlingBuckets.Of(1000 * 60)]++;

        Assert.Equal((104.0, false), (HandlingBuckets.Percentile(counts, 0.4, 2), HandlingBuckets.AtLeast(counts, 0.4, 2)));
        Assert.Equal((480.0, true), (HandlingBuckets.Percentile(counts, 0.5, 2), HandlingBuckets.AtLeast(counts, 0.5, 2)));
        Assert.Equal((480.0, true), (HandlingBuckets.Percentile(counts, 0.8, 2), HandlingBuckets.AtLeast(counts, 0.8, 2)));
        Assert.Equal((1000.0, false), (HandlingBuckets.Percentile(counts, 0.9, 2), HandlingBuckets.AtLeast(counts, 0.9, 2)));
    }

    [Fact]
    public void AStepPausedForASupplementAndAnInspection_CountsEachPauseAsWhoItWaitedOn()
    {
        // Runs 09:00–09:30; waits on the applicant until 10:30; runs to 11:00; an inspection until 14:30 (lunch not
        // counted); runs to 15:00 and is decided.
        var step = new NodeState
        {
            Status = NodeStatus.Completed,
            Outcome = StepOutcome.Approved,
            Department = "SAMR",
            Attempt = 1,
            StartedAt = Monday,
            DueAt = Monday.AddHours(7),
            OnTime = true,
            CompletedAt = Monday.AddHours(6),
            Clock =
            [
                ClockEvent.Started(Monday),
                ClockEvent.Paused(Monday.AddMinutes(30), PauseReason.SupplementRequested, "章程"),
                ClockEvent.Resumed(Monday.AddMinutes(90)),
                ClockEvent.Paused(Monday.AddHours(2), PauseReason.ExcludedPeriod, "现场核查"),
                ClockEvent.Resumed(Monday.AddHours(5.5)),
                ClockEvent.Stopped(Monday.AddHours(6)),
            ],
        };

        var entry = ComplianceRollup.Decided("business-opening", step, Calendar);

        Assert.Equal((30 + 30 + 30, 60, 60 + 60), ((int)entry.GovernmentMinutes, (int)entry.ApplicantMinutes, (int)entry.ExcludedMinutes));
        Assert.Equal((202603, "SAMR", 1, 1, 1, 1, 0, 0), (entry.Month, entry.Department, entry.Finished, entry.Approved, entry.PromisedCounted,
            entry.PromisedOnTime, entry.StatutoryCounted, entry.StatutoryOnTime));
        Assert.Equal(HandlingBuckets.Of(90), entry.Bucket);
    }

    [Fact]
    public void ABundleCompletedThenOverturnedByARevokedApproval_MovesToRejected_OrLeavesTheFiguresWhenCancelled()
    {
        var application = new ApplicationRecord
        {
            Id = Guid.NewGuid(), TrackingNumber = "YB", ServiceId = "joint-acceptance-registration", ServiceVersion = 1, ApplicantId = "zhangsan",
            Status = "completed", FormJson = "{}", State = new InstanceState { StartedAt = Monday }, SubmittedAt = Monday, AcceptedAt = Monday,
            DueAt = Monday.AddDays(10), StatutoryDueAt = Monday.AddDays(20), CompletedAt = Monday.AddHours(2),
        };
        var counted = ComplianceRollup.Finished(application, true, Monday.AddHours(2), Calendar);

        var rejected = ComplianceRollup.Overturned(application, true, Calendar);
        Assert.Equal((counted.Month, counted.ServiceId, 0, -1, 1, 0, 0, 0), (rejected.Month, rejected.ServiceId, rejected.Finished, rejected.Approved,
            rejected.Rejected, rejected.Revoked, rejected.PromisedCounted, rejected.Timed));

        // Cancelled: what the completion added, every count and the handling-time bucket, is taken back.
        var cancelled = ComplianceRollup.Overturned(application, false, Calendar);
        Assert.Equal(
            (counted.Finished, counted.Approved, counted.PromisedCounted, counted.PromisedOnTime, counted.StatutoryCounted, counted.StatutoryOnTime, counted.Timed, counted.GovernmentMinutes),
            (-cancelled.Finished, -cancelled.Approved, -cancelled.PromisedCounted, -cancelled.PromisedOnTime, -cancelled.StatutoryCounted, -cancelled.StatutoryOnTime,
                -cancelled.Timed, -cancelled.GovernmentMinutes));
        Assert.Equal((counted.Bucket, -1, counted.Month), (cancelled.Bucket, cancelled.BucketCount, cancelled.Month));
        Assert.Equal((1, 1, 120L), (counted.Finished, counted.PromisedOnTime, counted.GovernmentMinutes));
    }

    [Fact]
    public void AStepDecidedJustAfterMidnightInShanghai_CountsForThatMonth_ThoughItIsTheMonthBeforeInUtc()
    {
        Assert.Equal(202611, ComplianceRollup.MonthOf(new DateTimeOffset(2026, 10, 31, 16, 30, 0, TimeSpan.Zero)));
    }
}
