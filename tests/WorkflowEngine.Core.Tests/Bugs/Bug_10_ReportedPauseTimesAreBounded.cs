using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// The engine took the times a department reported for a pause (an excluded period began, a supplement was requested)
/// as given: a host whose clock was years off, or a time typed wrong, stopped the step's clock years before it was
/// dispatched or years ahead, and its due time (the applicant's promise) moved by as much.
/// </summary>
public sealed class Bug_10_ReportedPauseTimesAreBounded
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    /// <summary>A step of two working days dispatched on Monday 2 March at 09:00.</summary>
    private static FlowHarness Started() => new FlowHarness(Catalog.Definition("""
        id: bounded-pause
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [a] }
        flow:
          - { id: a, activity: department-task, title: 营业执照, department: SAMR, limit: { workingDays: 2 } }
        """), start: Monday).Start();

    private static ClockEvent LastPause(FlowHarness h) => h.Step("a")!.Clock!.Last(e => e.Kind == ClockEventKind.Pause);

    private static AuditEntry Adjusted(FlowHarness h) => Assert.Single(h.Audit, a => a.Type == "ReportedTimeAdjusted");

    [Fact]
    public void AnExclusionReportedYearsAhead_StopsTheClockWhenTheReportArrived_AndTheAdjustmentIsAudited()
    {
        var h = Started();
        h.Now = Monday.AddHours(1);
        var reported = Monday.AddYears(5);

        h.Apply(new StepExclusionStartedEvent("a", 1, "inspection", "现场核查", "核查经营场所", null, "samr-clerk", reported) { Department = "SAMR" });

        Assert.Equal(Monday.AddHours(1), LastPause(h).At);
        var audit = Adjusted(h);
        Assert.Equal(("startedAt", "samr-clerk"), (audit.Data!["field"], audit.Actor));
        Assert.Equal(reported, DateTimeOffset.Parse(audit.Data["reported"]!, System.Globalization.CultureInfo.InvariantCulture));

        // Ended an hour later: the due time moves by at most that office hour (a limit of days ends with a working
        // day), not by years.
        h.Now = Monday.AddHours(2);
        var unpaused = new FlowHarness(h.Definition, start: Monday).Start().Step("a")!.DueAt!.Value;
        h.Apply(new StepExclusionEndedEvent("a", 1, "samr-clerk", h.Now) { Department = "SAMR" });
        Assert.InRange(h.Step("a")!.DueAt!.Value, unpaused, unpaused.AddDays(3));
    }

    [Fact]
    public void ASupplementRequestedYearsBeforeTheDispatch_StopsTheClockNoEarlierThanTheDispatch()
    {
        var h = Started();
        h.Now = Monday.AddHours(3);
        var reported = Monday.AddYears(-3);

        h.Apply(new StepSupplementRequestedEvent("a", 1, Guid.NewGuid(), [new SupplementRequestItem("articles", "章程缺页")], null, "samr-clerk", reported)
            { Department = "SAMR" });

        Assert.Equal(Monday, LastPause(h).At);
        Assert.Equal("requestedAt", Adjusted(h).Data!["field"]);
    }

    [Fact]
    public void ATimeThatCanBeTrue_IsTakenAsReported_WithoutAnAudit()
    {
        var h = Started();
        h.Now = Monday.AddHours(3);

        h.Apply(new StepExclusionStartedEvent("a", 1, "inspection", "现场核查", "核查经营场所", null, "samr-clerk", Monday.AddHours(2)) { Department = "SAMR" });

        Assert.Equal(Monday.AddHours(2), LastPause(h).At);
        Assert.DoesNotContain(h.Audit, a => a.Type == "ReportedTimeAdjusted");
    }
}
