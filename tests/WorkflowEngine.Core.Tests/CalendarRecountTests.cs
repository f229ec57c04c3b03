using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// The State Council publishes next year's holidays late in the year: a step accepted in December may be due in a
/// January whose holidays were not known. When the arrangement is loaded, every running clock is counted again; the
/// department is told the new due time and the stage's timer follows it.
/// </summary>
public sealed class CalendarRecountTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>
    /// Monday 14 December 2026, 09:00. Counting starts the next working day, so fifteen working days end on Monday
    /// 4 January 2027 while 2027 is unannounced (1 January a plain Friday), and on the 5th once 元旦 is off.
    /// </summary>
    private static readonly DateTimeOffset December14 = new(2026, 12, 14, 9, 0, 0, Cst);

    /// <summary>One stage of twenty working days around one step of fifteen, in a bundle of thirty (promised) and forty (statutory).</summary>
    private static readonly StagedFlow Flow = new()
    {
        Id = "recount-flow",
        Statutory = "{ workingDays: 40 }",
        Promised = "{ workingDays: 30 }",
        StageLimit = "{ workingDays: 20 }",
        Steps = [StagedFlow.DepartmentTask("permit", "许可", "SAMR", "{ workingDays: 15 }")],
    };

    /// <summary>The shipped calendar with 2027's New Year's Day off (1 January 2027, a Friday).</summary>
    private static WorkingCalendar With2027()
    {
        var data = Catalog.Calendar.Data;
        var newYear = new DateOnly(2027, 1, 1);
        return new WorkingCalendar(data with
        {
            Years = [.. data.Years, new CalendarYear(2027, "测试通知", [new HolidayPeriod("元旦", newYear, newYear)], [])],
        });
    }

    private static FlowHarness Started() => new FlowHarness(Catalog.Definition(Flow.Yaml), start: December14).Start();

    [Fact]
    public void NextYearsHolidays_MoveTheStepsDueTime_TheDepartmentIsTold_AndTheStageTimerFollows()
    {
        var h = Started();
        var before = h.Step("permit")!.DueAt!.Value;
        Assert.Equal(new DateOnly(2027, 1, 4), DateOnly.FromDateTime(before.ToOffset(Cst).DateTime));
        var stageBefore = h.Step("review")!.DueAt!.Value;
        var revision = h.Step("permit")!.Clock!.Count;

        h.Now = new DateTimeOffset(2026, 12, 20, 10, 0, 0, Cst);
        h.Calendar = With2027();
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin"));

        var after = h.Step("permit")!.DueAt!.Value;
        Assert.Equal(new DateOnly(2027, 1, 5), DateOnly.FromDateTime(after.ToOffset(Cst).DateTime));
        var told = Assert.Single(h.Last!.Commands.OfType<AnnounceDue>());
        Assert.Equal(("permit", "SAMR", after, revision + 1), (told.StepId, told.Department, told.DueAt, told.Revision));
        Assert.Equal(ClockEventKind.Recount, h.Step("permit")!.Clock![^1].Kind);
        Assert.Equal("2027 年节假日安排已公布", h.Step("permit")!.Clock![^1].Text);

        var stageAfter = h.Step("review")!.DueAt!.Value;
        Assert.Equal(stageBefore.AddDays(1), stageAfter);
        var timer = Assert.Single(h.Last.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "review:due");
        Assert.Equal(stageAfter, timer.DueAt);
        var audited = h.Last.Audit.Where(a => a.Type == "DueRecounted").ToArray();
        Assert.Equal(["permit", "review"], audited.Select(a => a.StepId).Order(StringComparer.Ordinal));
        Assert.All(audited, a => Assert.Equal("admin", a.Actor));
    }

    [Fact]
    public void TheSameCalendarAgain_ChangesNothing()
    {
        var h = Started();
        h.Calendar = With2027();
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin"));
        var clock = h.Step("permit")!.Clock!.Count;

        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin"));

        Assert.Empty(h.Last!.Commands.OfType<AnnounceDue>());
        Assert.DoesNotContain(h.Last.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "review:due");
        Assert.DoesNotContain(h.Last.Audit, a => a.Type == "DueRecounted");
        Assert.Equal(clock, h.Step("permit")!.Clock!.Count);
    }

    [Fact]
    public void AClockStandingStill_IsCountedOnTheNewCalendarWhenItRunsAgain()
    {
        var h = Started();
        h.Now = new DateTimeOffset(2026, 12, 15, 9, 0, 0, Cst);
        h.Apply(new StepExclusionStartedEvent("permit", 1, "inspection", "现场勘验", "现场核查", null, "samr-clerk", h.Now) { Department = "SAMR" });
        Assert.Null(h.Step("permit")!.DueAt);

        h.Calendar = With2027();
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin"));
        Assert.DoesNotContain(h.Last!.Audit, a => a.Type == "DueRecounted" && a.StepId == "permit");

        h.Now = new DateTimeOffset(2026, 12, 16, 9, 0, 0, Cst);
        h.Apply(new StepExclusionEndedEvent("permit", 1, "samr-clerk", h.Now) { Department = "SAMR" });

        // One working day stood still: without 元旦 the step would be due on Tuesday 5 January; with it, on the 6th.
        Assert.Equal(new DateOnly(2027, 1, 6), DateOnly.FromDateTime(h.Step("permit")!.DueAt!.Value.ToOffset(Cst).DateTime));
    }
    private const string DeferringFlow = """
        id: recount-defer
        title: 测试
        timeLimits: { statutory: { workingDays: 40 }, promised: { workingDays: 30 } }
        deferrals: { remindBefore: { workingDays: 1 }, onOverdue: pause-steps }
        materials:
          - { key: archives, name: 档案清单, required: true, deferrable: { workingDays: 15 }, usedBy: [permit] }
        flow:
          activity: sequence
          steps:
            - { id: permit, activity: department-task, title: 许可, department: SAMR, limit: { workingDays: 20 } }
        """;

    [Fact]
    public void AMaterialAcceptedLate_IsDueOnTheNewCalendar_TheApplicantIsToldTheNewDate_AndTheTimerFollows()
    {
        var h = new FlowHarness(Catalog.Definition(DeferringFlow), start: December14).Apply(new WorkflowStartedEvent { Deferred = ["archives"] });
        Assert.Equal(new DateOnly(2027, 1, 4), DateOnly.FromDateTime(h.State.Deferred![0].DueAt.ToOffset(Cst).DateTime));

        h.Calendar = With2027();
        h.Apply(new CalendarChangedEvent("cn-mainland", "2027 年节假日安排已公布", "admin"));

        var material = h.State.Deferred![0];
        Assert.Equal(new DateOnly(2027, 1, 5), DateOnly.FromDateTime(material.DueAt.ToOffset(Cst).DateTime));
        // The reminder, a working day before, moves too: the close of Monday 4 January rather than of Thursday 31 December.
        Assert.Equal(new DateOnly(2027, 1, 4), DateOnly.FromDateTime(material.RemindAt!.Value.ToOffset(Cst).DateTime));
        var told = Assert.Single(h.Last!.Commands.OfType<NotifyApplicant>(), n => n.Kind == "deferred-material-recounted");
        Assert.Contains("档案清单", told.Message, StringComparison.Ordinal);
        Assert.Contains("2027-01-05", told.Message, StringComparison.Ordinal);
        Assert.Equal(material.RemindAt, Assert.Single(h.Last.Commands.OfType<ScheduleTimer>(), t => t.TimerId == "deferred-materials").DueAt);
    }
}
