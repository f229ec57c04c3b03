using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

public sealed class InterpreterTests
{
    private const string Header = """
        id: test-flow
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: bank, label: 开户, type: bool }
          - { key: capital, label: 资本, type: money }
        """;

    private static string Task(string id, string dept = "SAMR", string extra = "") =>
        $"{{ id: {id}, activity: department-task, title: {id}, department: {dept}, limit: {{ workingHours: 2 }}{extra} }}";

    /// <summary>The timers the flow's activities scheduled, without the deadline-warnings timer every clock brings.</summary>
    private static IEnumerable<ScheduleTimer> FlowTimers(FlowHarness h) => h.Commands.OfType<ScheduleTimer>().Where(t => t.TimerId != "deadline-warnings");

    private static FlowHarness Run(string flow, Dictionary<string, object?>? form = null) =>
        new FlowHarness(Catalog.Definition(Header + "\nflow:\n" + flow), form).Start();

    [Fact]
    public void Sequence_RunsStepsOneAfterAnother()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - {Task("a")}
                - {Task("b", "TAX")}
            """);

        Assert.Equal(["a"], h.Dispatched);
        h.Approve("a");
        Assert.Equal(["a", "b"], h.Dispatched);
        var b = h.Commands.OfType<DispatchStep>().Single(d => d.StepId == "b");
        Assert.Equal("TAX", b.Department);
        h.Approve("b");
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
        Assert.Contains(h.Commands, c => c is CompleteApplication { Status: WorkflowStatus.Completed });
    }

    [Fact]
    public void Sequence_RejectedStep_RejectsApplicationAndSkipsTheRest()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - {Task("a")}
                - {Task("b")}
            """);

        h.Reject("a", "名称与已登记企业重名");

        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        Assert.Equal("a：名称与已登记企业重名", h.State.Reason);
        Assert.DoesNotContain("b", h.Dispatched);
    }

    [Fact]
    public void ParallelJoinAll_WaitsForEveryBranch()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - activity: parallel
                  steps:
                    - {Task("a")}
                    - {Task("b")}
                    - {Task("c")}
                - {Task("after")}
            """);

        Assert.Equal(["a", "b", "c"], h.Dispatched);
        h.Approve("b").Approve("a");
        Assert.DoesNotContain("after", h.Dispatched);
        h.Approve("c");
        Assert.Contains("after", h.Dispatched);
    }

    [Fact]
    public void ParallelJoinAny_FirstApprovalContinuesAndRecallsTheOthers()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - activity: parallel
                  join: any
                  steps:
                    - {Task("a")}
                    - {Task("b", "TAX")}
                - {Task("after")}
            """);

        h.Approve("b");

        Assert.Contains("after", h.Dispatched);
        var recall = Assert.Single(h.Commands.OfType<RecallStep>());
        Assert.Equal(("a", "SAMR"), (recall.StepId, recall.Department));
        Assert.Equal(NodeStatus.Cancelled, h.Step("a")!.Status);
    }

    [Fact]
    public void ParallelNOfM_ContinuesAfterNApprovals()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - activity: parallel
                  join: n-of-m
                  required: 2
                  steps:
                    - {Task("a")}
                    - {Task("b")}
                    - {Task("c")}
                - {Task("after")}
            """);

        h.Approve("a");
        Assert.DoesNotContain("after", h.Dispatched);
        h.Approve("c");
        Assert.Contains("after", h.Dispatched);
        Assert.Equal(["b"], h.Recalled);
    }

    [Fact]
    public void ParallelNOfM_RejectionsThatMakeNUnreachable_RejectTheBlock()
    {
        var h = Run($"""
              activity: parallel
              join: n-of-m
              required: 2
              steps:
                - {Task("a")}
                - {Task("b")}
                - {Task("c")}
            """);

        h.Reject("a", "不符合条件");
        Assert.Equal(WorkflowStatus.Running, h.State.Status);
        h.Reject("b", "材料不全");
        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        Assert.Equal(["c"], h.Recalled);
    }

    [Fact]
    public void ParallelRejection_CancelsRunningSiblings_WhichReceiveACancellation()
    {
        var h = Run($"""
              activity: parallel
              steps:
                - {Task("a", "SAMR")}
                - {Task("b", "TAX")}
                - {Task("c", "HRSS")}
            """);

        h.Approve("c").Reject("a", "经营范围涉及前置审批");

        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
        var recall = Assert.Single(h.Commands.OfType<RecallStep>());
        Assert.Equal("b", recall.StepId);
        Assert.Equal("TAX", recall.Department);
        Assert.Contains("经营范围涉及前置审批", recall.Reason);
        Assert.Equal(NodeStatus.Cancelled, h.Step("b")!.Status);
        Assert.Equal(NodeStatus.Completed, h.Step("c")!.Status);
    }

    [Fact]
    public void ParallelRejection_WithContinue_LetsSiblingsFinishBeforeRejecting()
    {
        var h = Run($"""
              activity: parallel
              onRejection: continue
              steps:
                - {Task("a")}
                - {Task("b")}
            """);

        h.Reject("a", "不予许可");
        Assert.Empty(h.Recalled);
        Assert.Equal(WorkflowStatus.Running, h.State.Status);
        h.Approve("b");
        Assert.Equal(WorkflowStatus.Rejected, h.State.Status);
    }

    [Fact]
    public void When_FalseSkipsTheStep_AndParallelJoinsWithoutIt()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - activity: parallel
                  steps:
                    - {Task("a")}
                    - {Task("bank-account", "BANK", ", when: bank == true")}
                - {Task("after")}
            """, new() { ["bank"] = false, ["capital"] = 100m });

        Assert.Equal(["a"], h.Dispatched);
        Assert.Equal(NodeStatus.Skipped, h.Step("bank-account")!.Status);
        h.Approve("a");
        Assert.Contains("after", h.Dispatched);
    }

    [Fact]
    public void A_SkippedStepsReason_PutsTheConditionInWords_NeverTheRawExpression()
    {
        var h = Run($"""
              activity: sequence
              steps:
                - activity: parallel
                  steps:
                    - {Task("a")}
                    - {Task("bank-account", "BANK", ", when: bank == true")}
                - activity: decision
                  steps:
                    - {Task("big", "SAMR", ", when: capital > 1000000")}
                    - {Task("after")}
            """, new() { ["bank"] = false, ["capital"] = 100m });

        h.Approve("a");
        foreach (var skipped in new[] { h.Step("bank-account")!, h.Step("big")! })
        {
            Assert.Equal(NodeStatus.Skipped, skipped.Status);
            Assert.StartsWith("条件不满足：", skipped.Reason);
            Assert.StartsWith("Not needed: the condition is not met (", skipped.ReasonEn);
            foreach (var text in new[] { skipped.Reason!, skipped.ReasonEn! })
            {
                Assert.DoesNotContain("==", text);
                Assert.DoesNotContain(">", text);
                Assert.DoesNotContain("bank", text);
                Assert.DoesNotContain("capital", text);
            }
        }

        Assert.Contains("开户", h.Step("bank-account")!.Reason);
        Assert.Contains("资本", h.Step("big")!.Reason);
    }

    [Fact]
    public void When_TrueDispatchesTheStep()
    {
        var h = Run($"""
              activity: parallel
              steps:
                - {Task("a")}
                - {Task("bank-account", "BANK", ", when: bank == true")}
            """, new() { ["bank"] = true });

        Assert.Equal(["a", "bank-account"], h.Dispatched);
    }

    [Fact]
    public void Decision_TakesTheFirstMatchingBranch()
    {
        var h = Run($"""
              activity: decision
              steps:
                - {Task("big", "SAMR", ", when: capital > 1000000")}
                - {Task("small", "TAX", ", when: capital > 0")}
                - {Task("otherwise", "HRSS")}
            """, new() { ["capital"] = 5000m });

        Assert.Equal(["small"], h.Dispatched);
        Assert.Equal(NodeStatus.Skipped, h.Step("big")!.Status);
        Assert.Equal(NodeStatus.Skipped, h.Step("otherwise")!.Status);
        h.Approve("small");
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
    }

    [Fact]
    public void Decision_NoConditionHolds_TakesTheOtherwiseBranch()
    {
        var h = Run($"""
              activity: decision
              steps:
                - {Task("big", "SAMR", ", when: capital > 1000000")}
                - {Task("otherwise", "HRSS")}
            """, new() { ["capital"] = null });

        Assert.Equal(["otherwise"], h.Dispatched);
    }

    [Fact]
    public void Stage_HasItsOwnDueTime_AndIsMarkedOverdueWhenItsTimerFires()
    {
        var h = Run($$"""
              activity: stage
              id: stage-1
              title: 立项用地规划许可阶段
              limit: { workingDays: 8 }
              steps:
                - {{Task("a")}}
            """);

        var timer = Assert.Single(FlowTimers(h));
        Assert.Equal("stage-1", timer.NodeId);
        // Dispatched Monday 2 March 2026; eight working days after it end on Thursday 12 March at close of office.
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 30, 0, TimeSpan.FromHours(8)), timer.DueAt);
        Assert.Equal(timer.DueAt, h.Step("stage-1")!.DueAt);

        h.Now = timer.DueAt.AddMinutes(1);
        h.FireTimer(timer.TimerId, "stage-1");
        Assert.True(h.Step("stage-1")!.Overdue);
        h.Approve("a");
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
        Assert.False(h.Step("stage-1")!.OnTime);
    }

    [Fact]
    public void Stage_CompletedInTime_CancelsItsTimerAndIsOnTime()
    {
        var h = Run($$"""
              activity: stage
              id: stage-1
              title: 阶段
              limit: { workingDays: 8 }
              steps:
                - {{Task("a")}}
            """);

        h.Approve("a");
        var timer = Assert.Single(FlowTimers(h));
        Assert.Contains(h.Commands, c => c is CancelTimer cancel && cancel.TimerId == timer.TimerId);
        Assert.True(h.Step("stage-1")!.OnTime);
    }

    [Fact]
    public void DepartmentTask_DueTimeCountsWorkingHours_AndLateCompletionIsNotOnTime()
    {
        // Friday 16:30: one working hour left that day, so two working hours end Monday 10:00.
        var h = new FlowHarness(Catalog.Definition(Header + "\nflow:\n  " + Task("a")),
            start: new DateTimeOffset(2026, 3, 6, 16, 30, 0, TimeSpan.FromHours(8))).Start();

        var dispatch = Assert.Single(h.Commands.OfType<DispatchStep>());
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)), dispatch.DueAt);

        h.Now = new DateTimeOffset(2026, 3, 9, 10, 30, 0, TimeSpan.FromHours(8));
        h.Approve("a");
        Assert.False(h.Step("a")!.OnTime);
        Assert.Equal(h.Now, h.Step("a")!.CompletedAt);
    }

    [Fact]
    public void StaleReport_ForAnEarlierAttempt_IsIgnored()
    {
        var h = Run("  " + Task("a"));

        h.Apply(new StepCompletedEvent("a", 99, StepOutcome.Approved, null, null, "x", h.Now, null));

        Assert.Equal(NodeStatus.Active, h.Step("a")!.Status);
        Assert.Contains(h.Audit, a => a.Type == "StaleReportIgnored");
    }

    [Fact]
    public void ReportForACancelledStep_IsIgnoredAndAudited()
    {
        var h = Run($"""
              activity: parallel
              steps:
                - {Task("a")}
                - {Task("b")}
            """);
        h.Reject("a", "x");

        h.Apply(new StepCompletedEvent("b", 1, StepOutcome.Approved, null, null, "late", h.Now, null));

        Assert.Equal(NodeStatus.Cancelled, h.Step("b")!.Status);
        Assert.Contains(h.Audit, a => a.Type == "LateReportIgnored" && a.StepId == "b");
    }

    [Fact]
    public void Apply_NeverChangesTheStateItIsGiven()
    {
        var h = Run("  " + Task("a"));
        var before = h.State;
        var snapshot = before.Find("a")!.Status;

        var result = new WorkflowInterpreter(Catalog.Activities).Apply(h.Definition, before, h.Application,
            new StepCompletedEvent("a", 1, StepOutcome.Approved, null, null, "c", h.Now, null), Catalog.Calendar, h.Now);

        Assert.Equal(snapshot, before.Find("a")!.Status);
        Assert.Equal(NodeStatus.Completed, result.State.Find("a")!.Status);
    }

    [Fact]
    public void Claim_RecordsTheClerk()
    {
        var h = Run("  " + Task("a"));

        h.Apply(new StepClaimedEvent("a", 1, "samr-clerk", h.Now));

        Assert.Equal("samr-clerk", h.Step("a")!.ClaimedBy);
        Assert.Equal(NodeStatus.Active, h.Step("a")!.Status);
    }

    [Fact]
    public void Release_GivesTheStepBackToTheQueue_AndAnotherClerkMayClaimIt()
    {
        var h = Run("  " + Task("a"));
        var claimedAt = h.Now;
        h.Apply(new StepClaimedEvent("a", 1, "samr-clerk", claimedAt));

        h.Apply(new StepReleasedEvent("a", 1, "samr-clerk", claimedAt.AddMinutes(5), claimedAt));

        Assert.Null(h.Step("a")!.ClaimedBy);
        Assert.Contains(h.Audit, a => a.Type == "StepReleased" && a.Actor == "samr-clerk");
        h.Apply(new StepClaimedEvent("a", 1, "samr-clerk-2", claimedAt.AddMinutes(6)));
        Assert.Equal("samr-clerk-2", h.Step("a")!.ClaimedBy);
    }

    [Fact]
    public void Release_ThatOvertakesItsClaim_KeepsTheClaimFromStanding()
    {
        var h = Run("  " + Task("a"));
        var claimedAt = h.Now;

        // No order is guaranteed between reports: the release is read first.
        h.Apply(new StepReleasedEvent("a", 1, "samr-clerk", claimedAt.AddMinutes(5), claimedAt));
        h.Apply(new StepClaimedEvent("a", 1, "samr-clerk", claimedAt));

        Assert.Null(h.Step("a")!.ClaimedBy);
        // The same release again changes nothing.
        h.Apply(new StepReleasedEvent("a", 1, "samr-clerk", claimedAt.AddMinutes(5), claimedAt));
        Assert.Single(h.Audit, a => a.Type == "StepReleased");
    }

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static StepExclusionStartedEvent ExpertReview(DateTimeOffset at, DateTimeOffset? until = null) =>
        new("a", 1, "expert-review", "专家评审", "组织专家论证", until, "samr-clerk", at) { Department = "SAMR" };

    [Fact]
    public void ExcludedPeriod_StopsTheStepsClock_AndItsEndMovesTheDueTimeByTheOfficeTimeExcluded()
    {
        // Two office hours from 09:00 on Monday 2 March: due at 11:00.
        var h = Run("  " + Task("a"));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), h.Step("a")!.DueAt);

        h.Now = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst);
        h.Apply(ExpertReview(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst)));

        Assert.Null(h.Step("a")!.DueAt);
        Assert.Contains(h.Audit, a => a.Type == "ClockPaused" && a.Actor == "samr-clerk" && a.Data!["kind"] == "expert-review");
        // A second one while the clock stands still changes nothing.
        h.Now = new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst);
        h.Apply(ExpertReview(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst)));
        Assert.Contains(h.Audit, a => a.Type == "ExclusionIgnored");

        // Ended at 10:00 on Tuesday: a working day (7 office hours) later, so the hour left ends at 11:00 on Tuesday.
        h.Now = new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst);
        h.Apply(new StepExclusionEndedEvent("a", 1, "samr-clerk", new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst)) { Department = "SAMR" });

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst), h.Step("a")!.DueAt);
        Assert.Contains(h.Audit, a => a.Type == "ClockResumed");
    }

    [Fact]
    public void ExcludedPeriod_WithAnEnd_RunsTheClockAgainWhenItsTimerFires()
    {
        var h = Run("  " + Task("a"));
        var until = new DateTimeOffset(2026, 3, 2, 15, 0, 0, Cst);

        h.Now = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst);
        h.Apply(ExpertReview(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst), until));
        var timer = Assert.Single(FlowTimers(h), t => t.NodeId == "a");
        Assert.Equal(until, timer.DueAt);

        h.Now = until;
        h.FireTimer(timer.TimerId, "a");

        // 10:00–15:00 holds 3.5 office hours (the lunch break does not count): the hour left runs 15:00–16:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 16, 0, 0, Cst), h.Step("a")!.DueAt);
        Assert.Equal(ClockStatus.Running, ClockTimeline.Of(h.Step("a")!.Clock).Status);
    }

    [Fact]
    public void AnExclusionTimerFiredForAnEarlierPeriodsEnd_LeavesTheNextPeriodExcluded_UntilItsOwnEnd()
    {
        var h = Run("  " + Task("a"));
        var firstEnd = new DateTimeOffset(2026, 3, 2, 15, 0, 0, Cst);
        h.Apply(ExpertReview(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst), firstEnd));
        // The clerk ends the first period early, then a second one begins, to end on Wednesday.
        h.Now = new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst);
        h.Apply(new StepExclusionEndedEvent("a", 1, "samr-clerk", h.Now) { Department = "SAMR" });
        var secondEnd = new DateTimeOffset(2026, 3, 4, 10, 0, 0, Cst);
        h.Apply(ExpertReview(h.Now, secondEnd) with { StartedAt = h.Now });

        // The first period's timer, leased by one engine process before it was cancelled, fires in another's run.
        h.Now = firstEnd;
        h.FireTimer("a:exclusion", "a");

        Assert.Equal(ClockStatus.Paused, ClockTimeline.Of(h.Step("a")!.Clock).Status);
        Assert.Contains(h.Last!.Commands, c => c is ScheduleTimer { TimerId: "a:exclusion" } t && t.DueAt == secondEnd);
        h.Now = secondEnd;
        h.FireTimer("a:exclusion", "a");
        Assert.Equal(ClockStatus.Running, ClockTimeline.Of(h.Step("a")!.Clock).Status);
    }

    [Fact]
    public void EndOfAnExclusion_WithoutOne_IsIgnored_AndAStepDecidedWhileExcludedIsOnTime()
    {
        var h = Run("  " + Task("a"));
        h.Apply(new StepExclusionEndedEvent("a", 1, "samr-clerk", h.Now) { Department = "SAMR" });
        Assert.Contains(h.Audit, a => a.Type == "ExclusionEndIgnored");

        h.Apply(ExpertReview(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst)));
        h.Now = new DateTimeOffset(2026, 3, 5, 9, 0, 0, Cst);
        h.Approve("a");

        Assert.True(h.Step("a")!.OnTime);
    }

    private static StepExtendedEvent Extension(WorkingTimeLimit added, string approvedBy = "samr-supervisor") =>
        new("a", 1, Guid.NewGuid(), added, "需实地核查经营场所", "samr-clerk", approvedBy, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst)) { Department = "SAMR" };

    [Fact]
    public void ApprovedExtension_AddsExactlyItsWorkingTime_AndIsAuditedWithTheApprover()
    {
        // Two office hours from 09:00 on Monday 2 March: due at 11:00; a working day more lands at 11:00 on Tuesday.
        var h = Run("  " + Task("a"));

        h.Apply(Extension(WorkingTimeLimit.Days(1)));

        Assert.Equal(new DateTimeOffset(2026, 3, 3, 11, 0, 0, Cst), h.Step("a")!.DueAt);
        var extend = Assert.Single(h.Step("a")!.Clock!, e => e.Kind == ClockEventKind.Extend);
        Assert.Equal("samr-supervisor", extend.Actor);
        Assert.Equal("需实地核查经营场所", extend.Text);
        var audit = Assert.Single(h.Audit, a => a.Type == "StepExtended");
        Assert.Equal("samr-supervisor", audit.Actor);
        Assert.Equal("需实地核查经营场所", audit.Data!["reason"]);
        Assert.Equal("1 个工作日", audit.Data!["added"]);
    }

    [Fact]
    public void Extension_PastTheDefinitionsMaximum_IsIgnoredAndAudited()
    {
        var h = Run("  " + Task("a", extra: ", maxExtension: { workingHours: 3 }"));

        h.Apply(Extension(WorkingTimeLimit.Hours(2)));
        h.Apply(Extension(WorkingTimeLimit.Hours(2)));

        Assert.Single(h.Audit, a => a.Type == "StepExtended");
        Assert.Contains(h.Audit, a => a.Type == "ExtensionIgnored" && a.Data!["reason"]!.Contains("最多可延长 3 个工作小时", StringComparison.Ordinal));
        // 11:00 plus two office hours, the lunch break (12:00–13:30) not counted.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 30, 0, Cst), h.Step("a")!.DueAt);
    }

    [Fact]
    public void Extension_ApprovedAfterThePromisedDueTime_IsIgnored_AndTheStepStaysOverdue()
    {
        // Due at 11:00; an approval at 11:30 would turn a late step into an on-time one (行政许可法 Art. 42).
        var h = Run("  " + Task("a"));
        var late = new DateTimeOffset(2026, 3, 2, 11, 30, 0, Cst);
        h.Now = late;

        h.Apply(Extension(WorkingTimeLimit.Days(1)) with { ApprovedAt = late });

        Assert.Contains(h.Audit, a => a.Type == "ExtensionIgnored" && a.Data!["reason"]!.Contains("届满后不能再延长", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), h.Step("a")!.DueAt);
        h.Approve("a");
        Assert.False(h.Step("a")!.OnTime);
    }

    [Fact]
    public void Extension_ApprovedLate_WhileTheClockStoodStillBeforeItsDueTime_IsGranted()
    {
        // Excluded from 10:00, with an hour left: the limit has not run out, so a later approval still counts.
        var h = Run("  " + Task("a"));
        h.Apply(ExpertReview(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst)));
        var later = new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst);
        h.Now = later;

        h.Apply(Extension(WorkingTimeLimit.Hours(1)) with { ApprovedAt = later });

        Assert.Single(h.Audit, a => a.Type == "StepExtended");
    }

    [Fact]
    public void Extension_WithoutASetting_IsCappedAtTenWorkingDays_AndTheDepartmentIsToldTheCap()
    {
        var h = Run("  " + Task("a"));
        var dispatch = Assert.Single(h.Commands.OfType<DispatchStep>());
        Assert.Equal(WorkingTimeLimit.Days(10), dispatch.MaxExtension);

        h.Apply(Extension(WorkingTimeLimit.Days(11)));

        Assert.Contains(h.Audit, a => a.Type == "ExtensionIgnored");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), h.Step("a")!.DueAt);
    }

    private static StepSupplementRequestedEvent Supplement(DateTimeOffset at, SupplementRequestApproval? approval = null) =>
        new("a", 1, Guid.NewGuid(), [new SupplementRequestItem("articles", "章程第五条与申请表不一致")], null, "samr-clerk", at)
        {
            Department = "SAMR",
            Approval = approval,
        };

    private static FlowHarness Supply(FlowHarness h, DateTimeOffset at) =>
        h.Apply(new StepSupplementedEvent("a", 1, h.Step("a")!.Supplement!.RequestId, ["articles@v2"], "zhangsan", at) { Department = "SAMR" });

    /// <summary>The material the supplement requests above ask for: the articles of association, used by step a.</summary>
    private const string Articles = "\nmaterials:\n  - { key: articles, name: 章程, required: true, usedBy: [a] }";

    /// <summary>A flow of one task whose supplement requests must be answered within <paramref name="answerWithin"/>, the applicant reminded as the definition says.</summary>
    private static FlowHarness RunAnswering(string rules, string answerWithin = "{ workingDays: 10 }") =>
        new FlowHarness(Catalog.Definition(Header + Articles + $"\nsupplements: {{ answerWithin: {answerWithin}{rules} }}\nflow:\n  " + Task("a")), null).Start();

    [Fact]
    public void ASupplementRequestStillOpen_RemindsTheApplicantOnce_AWorkingDayBeforeItsAnswerBy_ThenExpiresOnItsDay()
    {
        var h = RunAnswering("");
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst)));
        var answerBy = h.Step("a")!.Supplement!.AnswerBy!.Value;
        var reminder = Assert.Single(FlowTimers(h), t => t.NodeId == "a");
        Assert.True(reminder.DueAt < answerBy);
        Assert.Equal(new DateTimeOffset(2026, 3, 13, 17, 30, 0, Cst), reminder.DueAt);

        h.Now = reminder.DueAt;
        h.FireTimer(reminder.TimerId, "a");

        var notice = Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-reminder");
        Assert.Contains($"请于 {ChinaTime.Format(answerBy)} 前一次补齐后上传，逾期未补齐的，视为撤回申请", notice.Message, StringComparison.Ordinal);
        Assert.Contains("章程第五条与申请表不一致", notice.Message, StringComparison.Ordinal);
        Assert.Contains($"before {ChinaTime.Format(answerBy)}", notice.MessageEn, StringComparison.Ordinal);
        // The same timer, fired again (a redelivery), reminds no more; the expiry comes on its own day.
        h.FireTimer(reminder.TimerId, "a");
        Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-reminder");
        var expiry = FlowTimers(h).Last(t => t.NodeId == "a");
        Assert.Equal(answerBy, expiry.DueAt);
        h.Now = answerBy;
        h.FireTimer(expiry.TimerId, "a");
        Assert.Contains(h.Audit, a => a.Type == "SupplementExpired");
    }

    [Fact]
    public void ASupplementRequestAnswered_CancelsItsReminder_AndAShortAnswerTimeWithoutRoomForOne_SchedulesOnlyTheExpiry()
    {
        var h = RunAnswering(", remindBefore: { workingDays: 2 }");
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst)));
        var reminder = Assert.Single(FlowTimers(h), t => t.NodeId == "a");
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 17, 30, 0, Cst), reminder.DueAt);

        Supply(h, new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst));

        Assert.Contains(h.Commands.OfType<CancelTimer>(), c => c.TimerId == reminder.TimerId);
        Assert.DoesNotContain(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-reminder");

        // Four office hours to answer leave no room for a reminder a working day ahead (the default).
        var tight = RunAnswering("", "{ workingHours: 4 }");
        tight.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst)));
        Assert.Equal(tight.Step("a")!.Supplement!.AnswerBy, Assert.Single(FlowTimers(tight), t => t.NodeId == "a").DueAt);
    }

    [Fact]
    public void ASecondSupplementRequest_IsIgnoredWithoutASupervisorsApproval_AndStopsTheClockWithOne_NamingTheApprover()
    {
        // Two office hours from 09:00 on Monday 2 March. Asked at 09:30, answered at 10:00: due at 11:30.
        var h = new FlowHarness(Catalog.Definition(Header + Articles + "\nflow:\n  " + Task("a"))).Start();
        h.Now = new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst);
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst)));
        Supply(h, new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 30, 0, Cst), h.Step("a")!.DueAt);

        // A second request without an approval, or approved by the clerk who asks, changes nothing.
        h.Now = new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst);
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst)));
        h.Now = new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst);
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst), new SupplementRequestApproval("samr-clerk", new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst), "自己批准")));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 30, 0, Cst), h.Step("a")!.DueAt);
        var ignored = h.Audit.Where(a => a.Type == "SupplementIgnored").ToArray();
        Assert.Equal(2, ignored.Length);
        Assert.Contains("须经部门负责人批准", ignored[0].Data!["reason"], StringComparison.Ordinal);
        Assert.Contains("职责分离", ignored[1].Data!["reason"], StringComparison.Ordinal);
        Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-requested");

        // With a supervisor's approval the clock stops again; the pause and the trail name the approver.
        var approved = new SupplementRequestApproval("samr-supervisor", new DateTimeOffset(2026, 3, 2, 10, 45, 0, Cst), "原件核验时发现印章不清");
        h.Now = new DateTimeOffset(2026, 3, 2, 10, 45, 0, Cst);
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 10, 45, 0, Cst), approved));
        Assert.Null(h.Step("a")!.DueAt);
        var pause = h.Step("a")!.Clock!.Last(e => e.Kind == ClockEventKind.Pause);
        Assert.Contains("经部门负责人批准", pause.Text, StringComparison.Ordinal);
        Assert.Contains("原件核验时发现印章不清", pause.Text, StringComparison.Ordinal);
        var audit = h.Audit.Last(a => a.Type == "SupplementRequested");
        Assert.Equal("samr-supervisor", audit.Data!["approvedBy"]);
        Assert.Equal("2", audit.Data!["round"]);
        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-requested" && n.Message.Contains("再次补正", StringComparison.Ordinal));

        // Answered at 11:00 (45 minutes were used between the requests): due at 11:45. A third, even approved, is past
        // the two the definition allows by default.
        Supply(h, new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 45, 0, Cst), h.Step("a")!.DueAt);
        h.Apply(Supplement(new DateTimeOffset(2026, 3, 2, 11, 10, 0, Cst), approved));
        Assert.Contains("最多可提出 2 次补正", h.Audit.Last(a => a.Type == "SupplementIgnored").Data!["reason"], StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 45, 0, Cst), h.Step("a")!.DueAt);
    }

    [Fact]
    public void CertificateIssuance_IssuesWhatTheApprovedStepsReported()
    {
        var h = Run($$"""
              activity: sequence
              steps:
                - {{Task("licence")}}
                - id: issue
                  activity: certificate-issuance
                  certificates:
                    - { name: 营业执照, from: licence }
            """);

        h.Approve("licence", new Dictionary<string, string> { ["licenceNumber"] = "91350100M000100Y43" });

        var issued = Assert.Single(h.Commands.OfType<IssueCertificates>());
        var certificate = Assert.Single(issued.Certificates);
        Assert.Equal("营业执照", certificate.Name);
        Assert.Equal("91350100M000100Y43", certificate.Details["licenceNumber"]);
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
    }

    /// <summary>A five-working-day notice period (公示期), then a department step.</summary>
    private static FlowHarness NoticePeriodThenAStep() => Run($$"""
              activity: sequence
              steps:
                - { id: notice-period, activity: timer, wait: { workingDays: 5 } }
                - {{Task("after")}}
            """);

    [Fact]
    public void Timer_WaitsItsWorkingTimeThenContinues()
    {
        var h = NoticePeriodThenAStep();

        var timer = Assert.Single(FlowTimers(h));
        Assert.Empty(h.Dispatched);
        h.Now = timer.DueAt;
        h.FireTimer(timer.TimerId, "notice-period");
        Assert.Equal(["after"], h.Dispatched);
    }

    [Fact]
    public void Timer_FiredForAnEndItNoLongerHas_WaitsOn_AndGetsItsTimerBack()
    {
        var h = NoticePeriodThenAStep();
        var timer = Assert.Single(FlowTimers(h));

        // A timer leased by one engine process before its end moved fires late in another's run: the shell removed the
        // row, and the wait, two days short of its end, must neither end nor be left without a timer.
        h.Now = h.Now.AddDays(2);
        h.FireTimer(timer.TimerId, "notice-period");

        Assert.Empty(h.Dispatched);
        Assert.Contains(h.Last!.Commands, c => c is ScheduleTimer t && t.TimerId == timer.TimerId && t.DueAt == timer.DueAt);
        h.Now = timer.DueAt;
        h.FireTimer(timer.TimerId, "notice-period");
        Assert.Equal(["after"], h.Dispatched);
    }

    [Fact]
    public void Notification_FillsInFormValuesAndTrackingNumber()
    {
        var h = Run("""
              activity: notification
              message: "申请 {trackingNumber}：注册资本 {form.capital} 元"
            """, new() { ["capital"] = 300m });

        var note = Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "info");
        Assert.Equal("申请 TEST-0001：注册资本 300 元", note.Message);
    }

    [Fact]
    public void BusinessOpening_RunsLicenceThenParallelRegistrationsThenIssuance()
    {
        var h = new FlowHarness(Catalog.Shipped("business-opening"), new Dictionary<string, object?> { ["openBankAccount"] = true }).Start();

        Assert.Equal(["business-licence"], h.Dispatched);
        h.Approve("business-licence");
        Assert.Equal(
            ["bank-account", "housing-fund", "medical-insurance", "seal-engraving", "social-insurance", "tax-registration"],
            h.Waiting);
        foreach (var step in h.Waiting.ToArray())
        {
            h.Approve(step);
        }

        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
        Assert.Single(h.Commands.OfType<IssueCertificates>());
    }
}
