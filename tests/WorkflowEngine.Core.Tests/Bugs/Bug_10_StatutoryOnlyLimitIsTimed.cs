using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A step or stage whose definition gives it only the law's period (statutoryLimit, no promised limit) was refused, so a
/// service whose department promises nothing shorter than the law could not be described at all. Held to its statutory
/// limit alone, its clock now counts against that limit: due time, cards (yellow at the default share), the department's
/// due time and its on-time flag all come from it, and no promised card is ever given.
/// </summary>
public sealed class Bug_10_StatutoryOnlyLimitIsTimed
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 09:00; the office closes for lunch from 12:00 to 13:30.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    private const string Flow = """
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

    private static FlowHarness Started() => new FlowHarness(Catalog.Definition(Flow), start: Monday).Start();

    private static void Look(FlowHarness h, DateTimeOffset at)
    {
        h.Now = at;
        h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
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

        var clocks = ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities);
        var step = clocks.Single(c => c.Id == "licence");
        var stage = clocks.Single(c => c.Id == "review");
        Assert.Equal((ClockKind.Step, null, WorkingTimeLimit.Hours(2)), (step.Kind, step.Promised, step.Statutory));
        Assert.Equal((ClockKind.Stage, null, WorkingTimeLimit.Hours(4)), (stage.Kind, stage.Promised, stage.Statutory));
    }

    [Fact]
    public void AStepWithOnlyAStatutoryLimit_TurnsYellowAtThreeQuartersOfIt_ThenRed_OnlyAgainstThatLimit()
    {
        var h = Started();
        // Three quarters of two office hours: 10:30.
        Assert.Equal(Monday.AddHours(1.5), h.State.NextWarningAt);

        Look(h, Monday.AddHours(1.5));
        Look(h, Monday.AddHours(2));
        Look(h, Monday.AddHours(3));

        var cards = h.Audit.Where(a => a.Type == "DeadlineWarning").Select(a => (a.StepId, a.Data!["level"], a.Data["limit"])).ToList();
        Assert.Equal(
            [("licence", "yellow", "statutory"), ("licence", "red", "statutory"), ("review", "yellow", "statutory")],
            cards);
        var told = h.Commands.OfType<AnnounceWarning>().Where(w => w.StepId == "licence" && w.Scope is null).ToList();
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
