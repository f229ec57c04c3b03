using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// A due time is provisional (暂定) exactly when counting to it passes a year whose holiday arrangement is not loaded:
/// on the shipped calendar (2024 to 2026) a due time in 2027 is, one in 2026 never is, and loading the year clears it.
/// </summary>
public sealed class ProvisionalDueTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar Shipped = Catalog.Calendar;
    private const long Iterations = 5_000;

    /// <summary>Starts over the shipped years, most in their last weeks, where limits count into the year not loaded.</summary>
    private static readonly Gen<DateTimeOffset> Starts = Gen.OneOf(
        ClockGenerators.Starts,
        Gen.Int[0, 40 * 24 * 60].Select(m => new DateTimeOffset(2026, 11, 22, 0, 0, 0, Cst).AddMinutes(m)));

    /// <summary>A pause: how long after the start it begins, and how long it lasts (minutes, up to 20 and 30 days).</summary>
    private static readonly Gen<(int After, int Length)> Pauses = Gen.Select(Gen.Int[0, 20 * 24 * 60], Gen.Int[1, 30 * 24 * 60]);

    [Fact]
    public void OnTheShippedCalendar_ADueTimeIsProvisional_ExactlyWhenItFallsAfter2026_NamingEveryYearFrom2027()
    {
        Gen.Select(Starts, ClockGenerators.Limits, Pauses).Sample(
            (start, limit, pause) =>
            {
                var timeline = ClockTimeline.Of([
                    ClockEvent.Started(start),
                    ClockEvent.Paused(start.AddMinutes(pause.After), PauseReason.ExcludedPeriod, "专家评审", "clerk"),
                    ClockEvent.Resumed(start.AddMinutes(pause.After + pause.Length), "clerk"),
                ]);
                var due = ClockArithmetic.DueAt(timeline, limit, Shipped, null)!.Value;
                var provisional = ProvisionalDue.Of(Shipped, start, due);
                var dueYear = Shipped.DateOf(due).Year;
                if (dueYear <= 2026)
                {
                    Assert.Null(provisional);
                }
                else
                {
                    Assert.NotNull(provisional);
                    Assert.Equal(Enumerable.Range(2027, dueYear - 2026), provisional.MissingYears);
                    Assert.Contains("2027", provisional.Reason, StringComparison.Ordinal);
                    Assert.Contains("cn-mainland", provisional.Reason, StringComparison.Ordinal);
                }
            },
            iter: Iterations);
    }

    [Fact]
    public void LoadingTheMissingYears_ClearsEveryProvisionalDueTime() =>
        Gen.Select(Starts, ClockGenerators.Limits).Sample(
            (start, limit) =>
            {
                var loaded = With(Shipped, 2027, 2028);
                var due = loaded.Add(start, limit);
                Assert.Null(ProvisionalDue.Of(loaded, start, due));
            },
            iter: Iterations);

    [Fact]
    public void TheExplanationOfAClock_CarriesTheSameFlagAsTheRule() =>
        Gen.Select(Starts, ClockGenerators.Limits).Sample(
            (start, limit) =>
            {
                var timeline = ClockTimeline.Of([ClockEvent.Started(start)]);
                var explained = ClockArithmetic.Explain(timeline, limit, Shipped, start.AddHours(1));
                Assert.Equal(ProvisionalDue.Of(Shipped, start, explained.DueAt)?.MissingYears, explained.Provisional?.MissingYears);
            },
            iter: Iterations);

    [Fact]
    public void AClockCountingThroughAMissingYear_IsProvisional_EvenWhereItsOwnYearsAreLoaded()
    {
        // 2025's arrangement missing, 2024's and 2026's loaded: 300 working days from December 2024 end in 2026.
        var gap = new WorkingCalendar(Shipped.Data with { Years = [.. Shipped.Data.Years.Where(y => y.Year != 2025)] });
        var start = new DateTimeOffset(2024, 12, 2, 9, 0, 0, Cst);
        var due = gap.Add(start, WorkingTimeLimit.Days(300));
        Assert.Equal(2026, gap.DateOf(due).Year);

        var provisional = ProvisionalDue.Of(gap, start, due);

        Assert.NotNull(provisional);
        Assert.Equal([2025], provisional.MissingYears);
    }

    [Fact]
    public void ADueTimeAtTheLastCloseOf2026_IsFinal_TheNextMorningsIsNot()
    {
        // From Sunday 20 December 2026: 9 working days end at the close of Thursday 31 December, 10 on Friday 1 January 2027.
        var start = new DateTimeOffset(2026, 12, 20, 10, 0, 0, Cst);
        var lastOf2026 = Shipped.Add(start, WorkingTimeLimit.Days(9));
        var firstOf2027 = Shipped.Add(start, WorkingTimeLimit.Days(10));
        Assert.Equal((new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 1)), (Shipped.DateOf(lastOf2026), Shipped.DateOf(firstOf2027)));

        Assert.Null(ProvisionalDue.Of(Shipped, start, lastOf2026));
        Assert.Equal([2027], ProvisionalDue.Of(Shipped, start, firstOf2027)!.MissingYears);
        Assert.Null(ProvisionalDue.Of(Shipped, start, null));
    }

    [Theory]
    [InlineData("2026-11-30T23:59:00+08:00", new int[0])]
    [InlineData("2026-12-01T00:00:00+08:00", new[] { 2027 })]
    [InlineData("2026-11-30T16:00:00Z", new[] { 2027 })]
    [InlineData("2027-01-04T09:00:00+08:00", new[] { 2027 })]
    [InlineData("2027-12-01T09:00:00+08:00", new[] { 2027, 2028 })]
    public void CalendarCoverage_WarnsOfNextYearFrom1DecemberInShanghai_AndOfTheCurrentYearAlways(string now, int[] missing)
    {
        var warnings = CalendarCoverage.Missing([Shipped], DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(missing, warnings.Select(w => w.Year));
        Assert.All(warnings, w => Assert.Contains($"'cn-mainland' has no holiday arrangement loaded for {w.Year}", w.Reason, StringComparison.Ordinal));
        Assert.Empty(CalendarCoverage.Missing([With(Shipped, 2027)], new DateTimeOffset(2026, 12, 1, 9, 0, 0, Cst)));
    }

    /// <summary>The calendar with arrangements (no holidays at all, for the test) loaded for <paramref name="years"/>.</summary>
    private static WorkingCalendar With(WorkingCalendar calendar, params int[] years) =>
        new(calendar.Data with { Years = [.. calendar.Data.Years, .. years.Select(y => new CalendarYear(y, "测试", [], []))] });
}
