using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// 容缺受理 enforced: a material accepted late has a due time; the applicant is reminded before it; when it passes with
/// the material missing, the steps using it stand still (or the application ends, as the definition says), and
/// supplying it runs them again.
/// </summary>
public sealed class DeferralWatchTests
{
    internal static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    internal const string Flow = """
        id: defer-flow
        title: 测试
        timeLimits: { statutory: { workingDays: 30 }, promised: { workingDays: 20 } }
        deferrals: { remindBefore: { workingDays: 1 }, onOverdue: pause-steps }
        materials:
          - { key: archives, name: 档案清单, required: true, deferrable: { workingDays: 3 }, usedBy: [archive, register] }
        flow:
          activity: sequence
          steps:
            - activity: parallel
              steps:
                - { id: archive, activity: department-task, title: 档案验收, department: ARCH, limit: { workingDays: 10 } }
                - { id: planning, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 10 } }
            - { id: register, activity: department-task, title: 登记, department: REG, limit: { workingDays: 5 } }
        """;

    private static readonly DateTimeOffset Due = Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(3));

    internal static FlowHarness Accepted(string yaml = Flow) =>
        new FlowHarness(Catalog.Definition(yaml), start: Monday).Apply(new WorkflowStartedEvent { Deferred = ["archives"] });

    private static ClockStatus ClockOf(FlowHarness h, string step) => ClockTimeline.Of(h.Step(step)!.Clock).Status;

    [Fact]
    public void TheApplicantIsReminded_ThenTheStepsUsingIt_StandStill_UntilItComes()
    {
        var h = Accepted();
        // One timer, first for the reminder, a working day before the due time.
        var remind = Assert.Single(h.Last!.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "deferred-materials");
        Assert.Equal(Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(2)), remind.DueAt);

        // Reminded once, before the due time, of the date and what happens then; the timer moves to the due time.
        h.Now = remind.DueAt;
        h.FireTimer(remind.TimerId, remind.NodeId);
        Assert.Equal(Due, Assert.Single(h.Last!.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "deferred-materials").DueAt);
        var reminder = Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "deferred-material-reminder");
        Assert.Contains("档案清单", reminder.Message, StringComparison.Ordinal);
        Assert.Contains(ChinaTimeText(Due), reminder.Message, StringComparison.Ordinal);

        // Due and still missing: the archive step stands still and its department is told; planning runs on.
        h.Now = Due;
        h.FireTimer("deferred-materials", h.Definition.Flow.Id);
        Assert.Equal(ClockStatus.Paused, ClockOf(h, "archive"));
        Assert.Equal(ClockStatus.Running, ClockOf(h, "planning"));
        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceDue>());
        Assert.Equal(("archive", null), (told.StepId, told.DueAt));
        Assert.Contains("容缺材料“档案清单”逾期未补交", told.PausedBecause, StringComparison.Ordinal);
        Assert.Single(h.Audit, a => a.Type == "DeferredMaterialOverdue");
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "deferred-material-overdue");

        // Supplied a working day later: the clock runs again, its due time a working day later than before.
        h.Now = Due.AddDays(1);
        h.Apply(new DeferredMaterialSuppliedEvent("archives", "archives@v1", "zhangsan", h.Now));
        Assert.Equal(ClockStatus.Running, ClockOf(h, "archive"));
        var resumed = Assert.Single(h.Last!.Commands.OfType<AnnounceDue>());
        Assert.Equal(Catalog.Calendar.Add(Monday, WorkingTimeLimit.Days(11)), resumed.DueAt);
        Assert.Single(h.Audit, a => a.Type == "DeferredMaterialSupplied" && a.Data!["late"] == "true");
    }

    [Fact]
    public void AStepWhoseTurnComesWhileTheMaterialIsOverdue_StartsStandingStill()
    {
        var h = Accepted();
        h.Now = Due;
        h.FireTimer("deferred-materials", h.Definition.Flow.Id);
        h.Now = Due.AddHours(1);
        h.Approve("planning").Approve("archive");

        Assert.Contains("register", h.Dispatched);
        Assert.Equal(ClockStatus.Paused, ClockOf(h, "register"));
        Assert.Contains(h.Last!.Commands.OfType<AnnounceDue>(), d => d.StepId == "register" && d.DueAt is null);

        h.Apply(new DeferredMaterialSuppliedEvent("archives", "archives@v1", "zhangsan", h.Now));
        Assert.Equal(ClockStatus.Running, ClockOf(h, "register"));
    }

    [Fact]
    public void SuppliedInTime_ItsTimersGo_AndNothingStandsStill()
    {
        var h = Accepted();
        h.Now = Monday.AddHours(2);
        h.Apply(new DeferredMaterialSuppliedEvent("archives", "archives@v1", "zhangsan", h.Now));

        Assert.Contains(h.Last!.Commands.OfType<CancelTimer>(), c => c.TimerId == "deferred-materials");
        // A timer already on its way changes nothing.
        h.Now = Due;
        h.FireTimer("deferred-materials", h.Definition.Flow.Id);
        Assert.Equal(ClockStatus.Running, ClockOf(h, "archive"));
        Assert.DoesNotContain(h.Audit, a => a.Type == "DeferredMaterialOverdue");
    }

    [Fact]
    public void ADefinitionMayEndTheApplication_WhenTheMaterialIsOverdue()
    {
        var h = Accepted(Flow.Replace("onOverdue: pause-steps", "onOverdue: end-application", StringComparison.Ordinal));
        h.Now = Due;
        h.FireTimer("deferred-materials", h.Definition.Flow.Id);

        Assert.Equal(WorkflowStatus.Cancelled, h.State.Status);
        Assert.Contains("容缺受理的材料“档案清单”未在", h.State.Reason, StringComparison.Ordinal);
        Assert.Equal(["archive", "planning"], h.Recalled.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AnApplicationThatFinishes_TakesTheTimersOfWhatItStillAwaitsWithIt()
    {
        var h = Accepted();
        h.Now = Monday.AddHours(1);
        h.Approve("planning").Approve("archive").Approve("register");

        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
        Assert.Single(h.Last!.Commands.OfType<CancelTimer>(), c => c.TimerId == "deferred-materials");
    }

    private static string ChinaTimeText(DateTimeOffset at) => WorkflowEngine.Calendars.ChinaTime.Format(at);
}
