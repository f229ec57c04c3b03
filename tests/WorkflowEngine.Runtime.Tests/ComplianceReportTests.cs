using CsCheck;
using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>The on-time figures administrators publish: grouped right, counted once, months in Asia/Shanghai.</summary>
public sealed class ComplianceReportTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly WorkingCalendar Calendar = Catalog.Calendar;

    [Fact]
    public void AStepDecidedHalfAnHourIntoNovemberInShanghai_CountsForNovember_ThoughItIsStillOctoberInUtc()
    {
        var decided = new DateTimeOffset(2026, 10, 31, 16, 30, 0, TimeSpan.Zero);

        var figures = ComplianceReport.Steps([Step("SAMR", decided, onTime: true)], ComplianceGrouping.Month, _ => Calendar);

        Assert.Equal("2026-11", Assert.Single(figures).Key.Month);
    }

    [Fact]
    public void OnTimeRate_CountsOnlyStepsWhoseComplianceIsKnown_AndAveragesTheirWorkingHours()
    {
        // Monday 2 March 2026, from opening: one, seven and two hours later by the clock, the lunch break not counted.
        var monday = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst);
        CompletedStep[] steps =
        [
            Step("BANK", monday.AddHours(1), onTime: true, received: monday),
            Step("BANK", monday.AddHours(7), onTime: false, received: monday),
            Step("BANK", monday.AddHours(2), onTime: null, received: monday),
        ];

        var bank = Assert.Single(ComplianceReport.Steps(steps, ComplianceGrouping.Department, _ => Calendar));

        Assert.Equal((3, 1, 1), (bank.Decided, bank.OnTime, bank.Late));
        Assert.Equal(0.5, bank.OnTimeRate);
        var hours = new[] { monday.AddHours(1), monday.AddHours(7), monday.AddHours(2) }.Select(t => Calendar.WorkingTimeBetween(monday, t).TotalHours).Average();
        Assert.Equal(Math.Round(hours, 2), bank.AverageWorkingHours);
    }

    [Fact]
    public void Bundles_AreNotSplitByDepartment_AndCountThoseWithinTheStatutoryLimit()
    {
        var accepted = new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst);
        FinishedApplication[] bundles =
        [
            new("business-opening", "completed", accepted, accepted.AddDays(1), accepted.AddDays(2), accepted.AddDays(3), OnTime: true),
            new("business-opening", "completed", accepted, accepted.AddDays(4), accepted.AddDays(2), accepted.AddDays(3), OnTime: false),
            new("business-opening", "rejected", accepted, accepted.AddDays(1), accepted.AddDays(2), null, OnTime: true),
        ];

        var figures = Assert.Single(ComplianceReport.Bundles(bundles, ComplianceGrouping.Department | ComplianceGrouping.Service, _ => Calendar));

        Assert.Equal(new ComplianceKey(null, "business-opening", null), figures.Key);
        Assert.Equal((3, 2, 1, 2, 1, 1), (figures.Finished, figures.Completed, figures.Rejected, figures.OnTime, figures.Late, figures.WithinStatutory));
    }

    [Fact]
    public void Open_CountsThoseAlreadyPastDue()
    {
        var now = new DateTimeOffset(2026, 3, 2, 12, 0, 0, Cst);

        var open = ComplianceReport.Open(
            [Open("PSB", now.AddHours(-1)), Open("PSB", now.AddHours(1)), Open("TAX", null)], now);

        Assert.Equal([new OpenFigures("PSB", 2, 1), new OpenFigures("TAX", 1, 0)], open);
    }

    [Fact]
    public void WhateverTheGrouping_EveryStepIsCountedOnce_AndEachRateIsAShare()
    {
        var departments = Gen.OneOf("SAMR", "PSB", "BANK");
        var services = Gen.OneOf("business-opening", "construction-permit");
        var instants = Gen.Long[1_767_225_600_000, 1_798_761_600_000].Select(DateTimeOffset.FromUnixTimeMilliseconds);
        var step = Gen.Select(departments, services, instants, Gen.Int[0, 2], (d, s, t, c) => new CompletedStep(
            d, s, t.AddHours(-3), null, t, c switch { 0 => true, 1 => false, _ => null }, c == 1 ? "rejected" : "approved"));
        var grouping = Gen.Int[0, 7].Select(g => (ComplianceGrouping)g);

        Gen.Select(step.Array[0, 60], grouping).Sample((steps, by) =>
        {
            var figures = ComplianceReport.Steps(steps, by, _ => Calendar);

            Assert.Equal(steps.Length, figures.Sum(f => f.Decided));
            Assert.Equal(steps.Count(s => s.OnTime == true), figures.Sum(f => f.OnTime));
            Assert.Equal(figures.Count, figures.Select(f => f.Key).Distinct().Count());
            Assert.All(figures, f => Assert.True(f.OnTimeRate is null or >= 0 and <= 1));
            Assert.All(figures, f => Assert.Equal(by.HasFlag(ComplianceGrouping.Month), f.Key.Month is not null));
        });
    }

    private static OpenStep Open(string department, DateTimeOffset? due) => new(Guid.NewGuid(), "step", department, "s", due);

    private static CompletedStep Step(string department, DateTimeOffset decided, bool? onTime, DateTimeOffset? received = null) =>
        new(department, "business-opening", received, received, decided, onTime, "approved");
}
