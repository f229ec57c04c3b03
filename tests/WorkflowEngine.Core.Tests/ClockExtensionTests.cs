using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// Extending the bundle's or a stage's clock (行政许可法 Art. 42): a supervisor of a department with a step asks once, up
/// to the definition's maximum; a supervisor of the approver department, never the one who asked, decides; an approval
/// moves the due time by exactly the working time added, on the calendar, holidays skipped.
/// </summary>
public sealed class ClockExtensionTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    // Monday 30 March 2026; 清明节 is Saturday 4 to Monday 6 April.
    private static readonly DateTimeOffset Monday = new(2026, 3, 30, 9, 0, 0, Cst);

    private const string Yaml = """
        id: joint
        title: 联合验收
        timeLimits:
          statutory: { workingDays: 10 }
          promised: { workingDays: 3 }
          extension: { max: { workingDays: 5 }, approver: GSC }
        form:
          - { key: name, label: 名称, type: text }
        materials:
          - { key: survey, name: 测绘成果, required: true, usedBy: [a, b] }
        flow:
          activity: sequence
          steps:
            - id: stage-a
              activity: stage
              title: 联合验收阶段
              limit: { workingDays: 3 }
              extension: { max: { workingDays: 2 }, approver: GSC }
              steps:
                - activity: parallel
                  steps:
                    - { id: a, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 2 } }
                    - { id: b, activity: department-task, title: 消防验收, department: HUD, limit: { workingDays: 2 } }
        """;

    private static DateTimeOffset Close(int month, int day) => new(2026, month, day, 17, 30, 0, Cst);

    private static readonly (string Step, string Department)[] Departments = [("a", "NRP"), ("b", "HUD")];

    private static FlowHarness Started() => new FlowHarness(Catalog.Definition(Yaml), start: Monday).Start();

    private static Clock ClockOf(FlowHarness h, string id) => ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities).Single(c => c.Id == id);

    private static DateTimeOffset? Promised(FlowHarness h, string id) =>
        ClockArithmetic.DueAt(ClockOf(h, id).Timeline, ClockOf(h, id).Promised!, Catalog.Calendar, null);

    private static DateTimeOffset? Yellow(FlowHarness h) =>
        ClockArithmetic.ShareReachedAt(ClockOf(h, "joint").Timeline, h.Definition.Limits.Promised!, Catalog.Calendar, ClockOf(h, "joint").YellowShare);

    private static Guid Request(FlowHarness h, string? stage, decimal days, string by = "nrp-supervisor", string department = "NRP")
    {
        var id = Guid.NewGuid();
        h.Apply(new ClockExtensionRequestedEvent(id, stage, WorkingTimeLimit.Days(days), "五个部门联合现场核查", by, department));
        return id;
    }

    private static void Decide(FlowHarness h, Guid id, bool approve, string by = "gsc-supervisor", string department = "GSC", string reason = "同意") =>
        h.Apply(new ClockExtensionDecidedEvent(id, approve, reason, by, department));

    private static string? Ignored(FlowHarness h) =>
        h.Last!.Audit.SingleOrDefault(a => a.Type == "ClockExtensionIgnored")?.Data?["reason"];

    [Fact]
    public void AnApprovedBundleExtension_MovesBothDueTimesByExactlyTwoWorkingDays_AcrossQingming()
    {
        var h = Started();
        Assert.Equal(Close(4, 2), Promised(h, "joint"));
        var stepsDue = (h.Step("a")!.DueAt, h.Step("b")!.DueAt);
        var yellowBefore = Yellow(h);

        h.Now = Monday.AddDays(1);
        var id = Request(h, null, 2);
        Assert.Equal(ClockExtensionStatuses.Pending, Assert.Single(h.State.ClockExtensions!).Status);
        Assert.Equal(Close(4, 2), Promised(h, "joint"));
        Decide(h, id, approve: true);

        // Friday 3 April is the first day added; 4–6 April are 清明节; Tuesday 7 April the second.
        Assert.Equal(Close(4, 7), Promised(h, "joint"));
        Assert.Equal(Close(4, 16), ClockArithmetic.DueAt(ClockOf(h, "joint").Timeline, h.Definition.Limits.Statutory!, Catalog.Calendar, null));
        var extend = Assert.Single(ClockOf(h, "joint").Events, e => e.Kind == ClockEventKind.Extend);
        Assert.Equal(("gsc-supervisor", "五个部门联合现场核查", WorkingTimeLimit.Days(2)), (extend.Actor, extend.Text, extend.Added));
        Assert.Equal(ClockExtensionStatuses.Approved, h.State.ClockExtensions![0].Status);

        // The applicant is told; the yellow card comes later; the steps' own due times, and so their departments, are untouched.
        var notice = Assert.Single(h.Last!.Commands.OfType<NotifyApplicant>());
        Assert.Contains("延长 2 个工作日", notice.Message, StringComparison.Ordinal);
        Assert.Contains("2026-04-07 17:30", notice.Message, StringComparison.Ordinal);
        Assert.True(Yellow(h) > yellowBefore);
        Assert.Equal(stepsDue, (h.Step("a")!.DueAt, h.Step("b")!.DueAt));
        Assert.DoesNotContain(h.Last.Commands, c => c is AnnounceDue);
        Assert.Contains(h.Last.Audit, a => a.Type == "ClockExtended" && a.Actor == "gsc-supervisor" && a.Data!["requestedBy"] == "nrp-supervisor");
    }

    [Fact]
    public void AnApprovedStageExtension_MovesItsDueTimeAndItsOverdueTimer()
    {
        var h = Started();
        Assert.Equal(Close(4, 2), h.Step("stage-a")!.DueAt);

        var id = Request(h, "stage-a", 2);
        Decide(h, id, approve: true);

        Assert.Equal(Close(4, 7), h.Step("stage-a")!.DueAt);
        Assert.Contains(h.Last!.Commands, c => c is ScheduleTimer { TimerId: "stage-a:due" } t && t.DueAt == Close(4, 7));
        // The bundle's clock is another clock: it does not move.
        Assert.Equal(Close(4, 2), Promised(h, "joint"));
    }

    [Fact]
    public void AStageAlreadyOverdue_IsNoLongerOverdue_OnceAnExtensionGivesItTimeAgain()
    {
        var h = Started();
        h.Now = new DateTimeOffset(2026, 4, 3, 9, 0, 0, Cst);
        h.FireTimer("stage-a:due", "stage-a");
        Assert.True(h.Step("stage-a")!.Overdue);

        Decide(h, Request(h, "stage-a", 2), approve: true);

        Assert.False(h.Step("stage-a")!.Overdue);
        Assert.Contains(h.Last!.Commands, c => c is ScheduleTimer { TimerId: "stage-a:due" } t && t.DueAt == Close(4, 7));
    }

    [Fact]
    public void ASecondRequest_IsRefused_WhileTheFirstWaits_AndAfterItWasApproved()
    {
        var h = Started();
        var first = Request(h, null, 1);

        var second = new ClockExtensionRequestedEvent(Guid.NewGuid(), null, WorkingTimeLimit.Days(1), "仍需核查", "nrp-supervisor", "NRP");
        Assert.Equal(ClockExtensionRefusalKind.Conflict, ClockExtensionChecks.CheckRequest(h.Definition, h.State, second, Catalog.Calendar)!.Kind);
        h.Apply(second);
        Assert.Contains("待批准", Ignored(h), StringComparison.Ordinal);

        Decide(h, first, approve: true);
        h.Apply(second with { ExtensionId = Guid.NewGuid() });
        Assert.Contains("已延长过一次", Ignored(h), StringComparison.Ordinal);
        Assert.Single(ClockOf(h, "joint").Events, e => e.Kind == ClockEventKind.Extend);
    }

    [Fact]
    public void ARequestPastTheMaximum_IsRefused_AndOneForAnotherClockIsNot()
    {
        var h = Started();

        Request(h, null, 5.5m);
        Assert.Contains("最多可延长 5 个工作日", Ignored(h), StringComparison.Ordinal);
        Request(h, "stage-a", 3);
        Assert.Contains("最多可延长 2 个工作日", Ignored(h), StringComparison.Ordinal);
        Assert.Null(h.State.ClockExtensions);

        Request(h, null, 5);
        Request(h, "stage-a", 2);
        Assert.Equal(2, h.State.ClockExtensions!.Count);
    }

    [Fact]
    public void Extendable_OffersEachClockWithItsMaximum_UntilARequestWaitsForIt_AndNoneToADepartmentWithoutAStep()
    {
        var h = Started();

        Assert.Equal<(string?, string)>([(null, "5 个工作日"), ("stage-a", "2 个工作日")],
            ClockExtensionChecks.Extendable(h.Definition, h.State, "NRP", Catalog.Calendar).Select(c => (c.StageId, c.Rules.Max!.ToString())));
        Request(h, null, 1);
        Assert.Equal<string?>(["stage-a"], ClockExtensionChecks.Extendable(h.Definition, h.State, "NRP", Catalog.Calendar).Select(c => c.StageId));
        Assert.Empty(ClockExtensionChecks.Extendable(h.Definition, h.State, "SAMR", Catalog.Calendar));
    }

    [Fact]
    public void ARequestPastTheMaximum_NamesTheAmount_AndOneWithoutAReason_NamesTheReason()
    {
        var h = Started();

        var tooMuch = ClockExtensionChecks.CheckRequest(h.Definition, h.State,
            new ClockExtensionRequestedEvent(Guid.NewGuid(), null, WorkingTimeLimit.Days(6), "理由", "nrp-supervisor", "NRP"), Catalog.Calendar);
        var noReason = ClockExtensionChecks.CheckRequest(h.Definition, h.State,
            new ClockExtensionRequestedEvent(Guid.NewGuid(), null, WorkingTimeLimit.Days(1), " ", "nrp-supervisor", "NRP"), Catalog.Calendar);

        Assert.Equal(ClockExtensionRefusal.Fields.Added, tooMuch!.Field);
        Assert.Equal(ClockExtensionRefusal.Fields.Reason, noReason!.Field);
    }

    [Fact]
    public void ADepartmentWithoutAStep_MayNotAsk()
    {
        var h = Started();
        var request = new ClockExtensionRequestedEvent(Guid.NewGuid(), null, WorkingTimeLimit.Days(1), "理由", "samr-supervisor", "SAMR");

        Assert.Equal(ClockExtensionRefusalKind.Forbidden, ClockExtensionChecks.CheckRequest(h.Definition, h.State, request, Catalog.Calendar)!.Kind);
    }

    [Fact]
    public void OnlyTheApproverDepartment_AndNeverTheOneWhoAsked_Decides_AndARefusalIsKeptWithItsReason()
    {
        var h = Started();
        // A supervisor of the service centre may also ask, where the centre has a step; here it is asked by NRP.
        var id = Request(h, null, 2);

        Decide(h, id, approve: true, by: "hud-supervisor", department: "HUD");
        Assert.Contains("批准部门（GSC）", Ignored(h), StringComparison.Ordinal);
        Decide(h, id, approve: true, by: "nrp-supervisor", department: "GSC");
        Assert.Contains("职责分离", Ignored(h), StringComparison.Ordinal);
        Assert.Equal(ClockExtensionRefusalKind.Unprocessable,
            ClockExtensionChecks.CheckDecision(h.State, new ClockExtensionDecidedEvent(id, false, " ", "gsc-supervisor", "GSC"))!.Kind);

        Decide(h, id, approve: false, reason: "现场核查可在原时限内完成");

        var refused = Assert.Single(h.State.ClockExtensions!);
        Assert.Equal((ClockExtensionStatuses.Refused, "gsc-supervisor", "现场核查可在原时限内完成"), (refused.Status, refused.DecidedBy, refused.Decision));
        Assert.Equal(Close(4, 2), Promised(h, "joint"));
        Assert.Contains(h.Last!.Audit, a => a.Type == "ClockExtensionRefused");
        // Refused, so it may be asked again.
        Request(h, null, 1);
        Assert.Null(Ignored(h));
    }

    [Fact]
    public void APauseAndAnExtension_Combine_TheDueTimeMovesByBoth()
    {
        var h = Started();
        // Tuesday 09:00 both departments ask the applicant for material, who supplies it Wednesday 09:00: the stage and
        // the bundle stand still for one working day.
        h.Now = Monday.AddDays(1);
        foreach (var (step, department) in Departments)
        {
            h.Apply(new StepSupplementRequestedEvent(step, 1, Guid.NewGuid(), [new SupplementRequestItem("survey", "测绘成果缺页")], null, "clerk", h.Now)
            {
                Department = department,
            });
        }

        Assert.Equal(ClockStatus.Paused, ClockOf(h, "stage-a").Timeline.Status);
        // An extension approved while the clock stands still is kept; it counts once the clock runs again.
        Decide(h, Request(h, "stage-a", 2), approve: true);
        Assert.Null(h.Step("stage-a")!.DueAt);

        h.Now = Monday.AddDays(2);
        foreach (var (step, department) in Departments)
        {
            h.Apply(new StepSupplementedEvent(step, 1, h.Step(step)!.Supplement!.RequestId, ["survey@v2"], "zhangsan", h.Now) { Department = department });
        }

        // Thursday 2 April + 1 paused day = Friday 3 April; + 2 extended = Tuesday 7 (清明) and Wednesday 8 April.
        Assert.Equal(Close(4, 8), h.Step("stage-a")!.DueAt);
        Assert.Equal(Close(4, 3), Promised(h, "joint"));
    }
}
