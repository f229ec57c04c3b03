using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// A stage's and the bundle's clocks stand still exactly while every step open under them does (补正, an excluded
/// period), so time waiting on the applicant or on an uncounted period is not counted against the government, and
/// time any department is still working is.
/// </summary>
public sealed class EnclosingClockTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    private static DateTimeOffset At(int day, int hour) => new(2026, 3, day, hour, 0, 0, Cst);

    private static string Flow(string steps, string stageExtra = "") => $$"""
        id: enclosing
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: name, label: 名称, type: text }
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [a] }
        flow:
          activity: sequence
          steps:
            - id: stage-a
              activity: stage
              title: 审批阶段
              limit: { workingDays: 5 }{{stageExtra}}
              steps:
        {{steps}}
        """;

    private const string OneStep = "        - { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 3 } }";

    private const string TwoParallel = """
                - activity: parallel
                  steps:
                    - { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 3 } }
                    - { id: b, activity: department-task, title: 乙, department: TAX, limit: { workingDays: 3 } }
        """;

    private static FlowHarness Started(string steps, string stageExtra = "") =>
        new FlowHarness(Catalog.Definition(Flow(steps, stageExtra)), start: Monday).Start();

    private static void RequestSupplement(FlowHarness h, string step, string department, DateTimeOffset at)
    {
        h.Now = at;
        h.Apply(new StepSupplementRequestedEvent(step, 1, Guid.NewGuid(), [new SupplementRequestItem("articles", "章程第五条与申请表不一致")], null, "clerk", at)
        {
            Department = department,
        });
    }

    private static void Supply(FlowHarness h, string step, string department, DateTimeOffset at)
    {
        h.Now = at;
        h.Apply(new StepSupplementedEvent(step, 1, h.Step(step)!.Supplement!.RequestId, ["articles@v2"], "zhangsan", at) { Department = department });
    }

    private static void Exclude(FlowHarness h, string step, string department, DateTimeOffset at)
    {
        h.Now = at;
        h.Apply(new StepExclusionStartedEvent(step, 1, "expert-review", "专家评审", "组织专家论证", null, "clerk", at) { Department = department });
    }

    private static void EndExclusion(FlowHarness h, string step, string department, DateTimeOffset at)
    {
        h.Now = at;
        h.Apply(new StepExclusionEndedEvent(step, 1, "clerk", at) { Department = department });
    }

    private static Clock ClockOf(FlowHarness h, string id) => ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities).Single(c => c.Id == id);

    private static DateTimeOffset? Due(FlowHarness h, string id) => ClockArithmetic.DueAt(ClockOf(h, id).Timeline, ClockOf(h, id).Promised!, Catalog.Calendar, null);

    [Fact]
    public void ASupplementRequestOnTheOnlyOpenStep_MovesTheStagesAndTheBundlesDueTimes_ByExactlyThePausedWorkingTime()
    {
        var h = Started(OneStep);
        // 5 working days from Monday 2 March (the start day not counted): Monday 9 March; the bundle's 10: Monday 16 March.
        Assert.Equal(At(9, 17).AddMinutes(30), h.Step("stage-a")!.DueAt);
        Assert.Equal(At(16, 17).AddMinutes(30), Due(h, "enclosing"));

        RequestSupplement(h, "a", "SAMR", At(3, 10));

        var stage = ClockOf(h, "stage-a");
        Assert.Equal(ClockStatus.Paused, stage.Timeline.Status);
        Assert.Equal((PauseReason.SupplementRequested, At(3, 10)), (stage.Timeline.CurrentPause!.Reason!.Value, stage.Timeline.CurrentPause.At));
        Assert.Equal(ClockStatus.Paused, ClockOf(h, "enclosing").Timeline.Status);
        Assert.Null(h.Step("stage-a")!.DueAt);
        // The stage's overdue timer does not fire while nothing is being worked on.
        Assert.Contains(h.Last!.Commands, c => c is CancelTimer { TimerId: "stage-a:due" });

        // Two working days later, Thursday 10:00: 14 office hours paused, so both move by exactly two working days.
        Supply(h, "a", "SAMR", At(5, 10));

        Assert.Equal(ClockStatus.Running, ClockOf(h, "stage-a").Timeline.Status);
        Assert.Equal(At(11, 17).AddMinutes(30), h.Step("stage-a")!.DueAt);
        Assert.Equal(At(11, 17).AddMinutes(30), Due(h, "stage-a"));
        Assert.Equal(At(18, 17).AddMinutes(30), Due(h, "enclosing"));
        Assert.Contains(h.Last!.Commands, c => c is ScheduleTimer { TimerId: "stage-a:due" } t && t.DueAt == At(11, 17).AddMinutes(30));
        var statutory = ClockArithmetic.DueAt(ClockOf(h, "enclosing").Timeline, h.Definition.Limits.Statutory!, Catalog.Calendar, null);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 17, 30, 0, Cst), statutory);
    }

    [Fact]
    public void WithTwoParallelSteps_TheStageRunsWhileEitherRuns_AndStandsStillOnlyWhileBothDo()
    {
        var h = Started(TwoParallel);

        // Tuesday: 甲 waits on the applicant, but 乙's department is still working: the stage and the bundle run on.
        RequestSupplement(h, "a", "SAMR", At(3, 10));
        Assert.Equal(ClockStatus.Running, ClockOf(h, "stage-a").Timeline.Status);
        Assert.Equal(ClockStatus.Running, ClockOf(h, "enclosing").Timeline.Status);
        Assert.Equal(At(9, 17).AddMinutes(30), h.Step("stage-a")!.DueAt);

        // Wednesday 10:00: 乙 goes to expert review, so nothing is being worked on: both stand still from then.
        Exclude(h, "b", "TAX", At(4, 10));
        var pause = ClockOf(h, "stage-a").Timeline.CurrentPause!;
        Assert.Equal(At(4, 10), pause.At);
        // Waiting on the applicant is the reason shown: it is the wait the applicant can end.
        Assert.Equal(PauseReason.SupplementRequested, pause.Reason);
        Assert.Contains("甲", pause.Text, StringComparison.Ordinal);
        Assert.Contains("乙", pause.Text, StringComparison.Ordinal);

        // Thursday 10:00: the applicant supplies; 甲 is worked on again, so both run from then: one working day paused.
        Supply(h, "a", "SAMR", At(5, 10));
        Assert.Equal(ClockStatus.Running, ClockOf(h, "stage-a").Timeline.Status);
        EndExclusion(h, "b", "TAX", At(6, 10));

        Assert.Equal(At(10, 17).AddMinutes(30), h.Step("stage-a")!.DueAt);
        Assert.Equal(At(17, 17).AddMinutes(30), Due(h, "enclosing"));
        var stageLog = ClockOf(h, "stage-a").Events.Select(e => (e.Kind, e.At)).ToArray();
        Assert.Equal([(ClockEventKind.Start, Monday), (ClockEventKind.Pause, At(4, 10)), (ClockEventKind.Resume, At(5, 10))], stageLog);
    }

    [Fact]
    public void AStageTimerFiredForTheDueTimeAPauseMoved_IsSetAgainForTheMovedOne_AndTheStageTurnsOverdueThen()
    {
        var h = Started(OneStep);
        Assert.Equal(At(9, 17).AddMinutes(30), h.Step("stage-a")!.DueAt);
        RequestSupplement(h, "a", "SAMR", At(3, 10));
        Supply(h, "a", "SAMR", At(5, 10));
        var moved = h.Step("stage-a")!.DueAt!.Value;
        Assert.Equal(At(11, 17).AddMinutes(30), moved);

        // The old timer, leased by one engine process before the pause, fires in another's run after the resume had set
        // it again: the shell removes the fired row, so this run must set it again, or the stage never turns overdue.
        h.Now = At(9, 17).AddMinutes(31);
        h.FireTimer("stage-a:due", "stage-a");
        Assert.DoesNotContain(h.Audit, a => a.Type == "StageOverdue");
        Assert.Contains(h.Last!.Commands, c => c is ScheduleTimer { TimerId: "stage-a:due" } t && t.DueAt == moved);

        h.Now = moved.AddMinutes(1);
        h.FireTimer("stage-a:due", "stage-a");
        Assert.Single(h.Audit, a => a.Type == "StageOverdue");
    }

    [Fact]
    public void AStageStoppedWhilePaused_IsOnTimeAgainstItsMovedDueTime()
    {
        var h = Started(OneStep);
        RequestSupplement(h, "a", "SAMR", At(3, 10));
        Supply(h, "a", "SAMR", At(12, 10));
        // Without the pause the stage was due on 9 March; the applicant took seven working days.
        h.Now = At(13, 10);
        h.Approve("a");

        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
        Assert.True(h.Step("stage-a")!.OnTime);
        Assert.DoesNotContain(h.Audit, a => a.Type == "StageOverdue");
    }

    [Fact]
    public void AStagesStatutoryLimit_GivesItsOwnYellowAndRedCards_EachOnce()
    {
        var h = Started(OneStep, "\n      statutoryLimit: { workingDays: 8 }");
        Assert.Equal(WorkingTimeLimit.Days(8), ClockOf(h, "stage-a").Statutory);

        // 8 working days from Monday 2 March: Thursday 12 March 17:30; three quarters of them, 6: Tuesday 10 March 17:30.
        foreach (var day in new[] { 9, 10, 10, 11, 12, 12, 13 })
        {
            h.Now = At(day, 17).AddMinutes(30);
            h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
        }

        var cards = h.Audit.Where(a => a.Type == "DeadlineWarning" && a.StepId == "stage-a" && a.Data!["limit"] == WarningLimits.Statutory)
            .Select(a => (a.Data!["level"], a.At)).ToArray();
        Assert.Equal([("yellow", At(10, 17).AddMinutes(30)), ("red", At(12, 17).AddMinutes(30))], cards);
        Assert.Single(h.State.Warnings!, w => w is { Clock: "stage-a", Limit: WarningLimits.Statutory, Level: WarningLevel.Red });
    }

    [Fact]
    public void AnEightWorkingDayStage_StartedOnTheEveOfNationalDay_LandsOnTheRightDay_AndASupplementInTheMiddleMovesItByThePause()
    {
        var eve = new DateTimeOffset(2025, 9, 30, 15, 0, 0, Cst);
        var flow = Flow("        - { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 8 } }")
            .Replace("limit: { workingDays: 5 }", "limit: { workingDays: 8 }", StringComparison.Ordinal);
        var h = new FlowHarness(Catalog.Definition(flow), start: eve).Start();

        // 30 September does not count; 1–8 October are holidays; 9 (1), 10 (2), Saturday 11 a make-up workday (3),
        // 13–17 (4–8): Friday 17 October at the close of office.
        var due = new DateTimeOffset(2025, 10, 17, 17, 30, 0, Cst);
        Assert.Equal(due, h.Step("stage-a")!.DueAt);
        Assert.Contains(h.Commands, c => c is ScheduleTimer { TimerId: "stage-a:due" } t && t.DueAt == due);

        // Asked on Friday 10 October at 10:00, supplied on Monday 13 October at 10:00: Friday from 10:00 (6 office hours),
        // Saturday 11, a make-up workday (7), and Monday to 10:00 (1) stood still: 14 office hours, two working days.
        RequestSupplement(h, "a", "SAMR", new DateTimeOffset(2025, 10, 10, 10, 0, 0, Cst));
        Supply(h, "a", "SAMR", new DateTimeOffset(2025, 10, 13, 10, 0, 0, Cst));
        var paused = Catalog.Calendar.WorkingTimeBetween(new DateTimeOffset(2025, 10, 10, 10, 0, 0, Cst), new DateTimeOffset(2025, 10, 13, 10, 0, 0, Cst));
        Assert.Equal(TimeSpan.FromHours(14), paused);
        Assert.Equal(new DateTimeOffset(2025, 10, 21, 17, 30, 0, Cst), h.Step("stage-a")!.DueAt);
        Assert.Equal(Catalog.Calendar.AddWorkingHours(due, paused), h.Step("stage-a")!.DueAt);
        h.Now = new DateTimeOffset(2025, 10, 21, 17, 31, 0, Cst);
        h.FireTimer("stage-a:due", "stage-a");
        Assert.Single(h.Audit, a => a.Type == "StageOverdue");
    }
}
