using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A step, stage or bundle given only the law's period (statutoryLimit, or timeLimits with a statutory limit and no
/// promised one) was refused ("缺少承诺时限"), so a service whose department promises nothing shorter than the law could
/// not be described at all. Held to its statutory limit alone, its clock now counts against that limit: due time, cards
/// (yellow at the default share, three quarters; red at the due time; each once), the department's due time and its
/// on-time flag all come from it, and no promised card is ever given.
/// </summary>
public sealed class Bug_10_StatutoryOnlyLimitIsTimed
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 09:00; the office closes for lunch from 12:00 to 13:30.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    /// <summary>A stage of four statutory office hours around a step of two.</summary>
    private const string StagedFlow = """
        id: statutory-only
        title: 法定时限
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        flow:
          id: review
          activity: stage
          title: 审查阶段
          statutoryLimit: { workingHours: 4 }
          steps:
            - id: licence
              activity: department-task
              title: 许可审查
              department: SAMR
              statutoryLimit: { workingHours: 2 }
        """;

    /// <summary>A bundle of four statutory office hours around a step with a promised limit of three.</summary>
    private const string BundleFlow = """
        id: statutory-bundle
        title: 法定时限
        timeLimits: { statutory: { workingHours: 4 } }
        flow:
          id: licence
          activity: department-task
          title: 许可审查
          department: SAMR
          limit: { workingHours: 3 }
        """;

    private static FlowHarness Started(string flow = StagedFlow) => new FlowHarness(Catalog.Definition(flow), start: Monday).Start();

    private static void Look(FlowHarness h, DateTimeOffset at)
    {
        h.Now = at;
        h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
    }

    /// <summary>
    /// The clocks held to a statutory limit alone: the bundle (<paramref name="clock"/> "bundle", its cards carry no
    /// step) of four office hours, the stage of four and the step of two; <paramref name="yellowHours"/> and
    /// <paramref name="dueHours"/> after 09:00, over the lunch break.
    /// </summary>
    [Theory]
    [InlineData("bundle", 4, 3, 5.5)]
    [InlineData("review", 4, 3, 5.5)]
    [InlineData("licence", 2, 1.5, 2)]
    public void AClockWithOnlyAStatutoryLimit_TurnsYellowAtThreeQuartersOfIt_AndRedAtIt_EachOnce_NeverPromised(
        string clock, int limitHours, double yellowHours, double dueHours)
    {
        var h = Started(clock == "bundle" ? BundleFlow : StagedFlow);
        var stepId = clock == "bundle" ? null : clock;
        var counted = ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities).Single(c => clock == "bundle" ? c.Kind == ClockKind.Bundle : c.Id == clock);
        Assert.Equal((null, WorkingTimeLimit.Hours(limitHours)), (counted.Promised, counted.Statutory));

        // Twice at the yellow card's time, so that a second card would show.
        var due = Monday.AddHours(dueHours);
        foreach (var at in new[] { Monday.AddHours(yellowHours), Monday.AddHours(yellowHours), due, due.AddHours(0.5) })
        {
            Look(h, at);
        }

        var cards = h.Audit.Where(a => a.Type == "DeadlineWarning" && a.StepId == stepId).ToList();
        Assert.Equal([("yellow", "statutory"), ("red", "statutory")], cards.Select(c => (c.Data!["level"], c.Data["limit"])));
        Assert.Equal(due.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cards[1].Data!["dueAt"]);
    }

    [Fact]
    public void ABundleWithOnlyAStatutoryLimit_IsDueAtIt()
    {
        var h = Started(BundleFlow);

        // Four office hours from 09:00, over the lunch break: 14:30.
        Assert.Equal((null, Monday.AddHours(5.5)), ApplicationClocks.BundleDue(h.Definition, h.State, Catalog.Calendar));
    }

    [Fact]
    public void AStepAndAStageWithOnlyAStatutoryLimit_AreDueAtThatLimit_AndTheDepartmentIsToldIt()
    {
        var h = Started();

        var task = Assert.Single(h.Commands.OfType<DispatchStep>());
        Assert.Equal(Monday.AddHours(2), task.DueAt);
        Assert.Equal(WorkingTimeLimit.Hours(2), task.Limit);
        Assert.Equal((WorkingTimeLimit.Hours(2), Monday.AddHours(2)), (task.Statutory!.Limit, task.Statutory.DueAt!.Value));
        // Four office hours from 09:00, over the lunch break: 14:30.
        Assert.Equal(Monday.AddHours(5.5), h.Step("review")!.DueAt);
        Assert.Equal(Monday.AddHours(5.5), h.Commands.OfType<ScheduleTimer>().Single(t => t.TimerId == "review:due").DueAt);
        // Three quarters of two office hours: 10:30.
        Assert.Equal(Monday.AddHours(1.5), h.State.NextWarningAt);

        var clocks = ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities);
        var step = clocks.Single(c => c.Id == "licence");
        var stage = clocks.Single(c => c.Id == "review");
        Assert.Equal((ClockKind.Step, null, WorkingTimeLimit.Hours(2)), (step.Kind, step.Promised, step.Statutory));
        Assert.Equal((ClockKind.Stage, null, WorkingTimeLimit.Hours(4)), (stage.Kind, stage.Promised, stage.Statutory));
    }

    [Fact]
    public void AStepWithOnlyAStatutoryLimit_TellsTheDepartmentItsCards_AgainstThatLimit()
    {
        var h = Started();

        Look(h, Monday.AddHours(1.5));
        Look(h, Monday.AddHours(2));

        var told = h.Commands.OfType<AnnounceWarning>().Where(w => w.StepId == "licence" && w.Scope is null).ToList();
        Assert.Equal(2, told.Count);
        Assert.All(told, w => Assert.Equal((WarningLimits.Statutory, Monday.AddHours(2)), (w.Limit, w.DueAt)));
    }

    [Fact]
    public void AStepWithOnlyAStatutoryLimit_DecidedWithinIt_IsOnTime()
    {
        var h = Started();
        h.Now = Monday.AddHours(1);
        h.Approve("licence");

        Assert.Equal((NodeStatus.Completed, true), (h.Step("licence")!.Status, h.Step("licence")!.OnTime));
    }
}
