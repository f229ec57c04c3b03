using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// Only the department host kept the window for a supplement request (补正, 行政许可法 Art. 32): a department system
/// that sent one after it still had the engine stop the step's clock and ask the applicant.
/// </summary>
public sealed class Bug_10_SupplementWindowKeptByTheEngine
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static FlowHarness Run(string supplements = "") => new FlowHarness(Catalog.Definition($$"""
        id: window-check
        title: 补正期限
        timeLimits: { statutory: { workingDays: 40 }, promised: { workingDays: 30 } }
        {{supplements}}
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [a] }
        flow:
          - { id: a, activity: department-task, title: 营业执照, department: SAMR, limit: { workingDays: 20 } }
        """)).Start();

    private static FlowHarness Request(FlowHarness h, DateTimeOffset at, Guid? id = null, SupplementRequestApproval? approval = null)
    {
        h.Now = at;
        return h.Apply(new StepSupplementRequestedEvent("a", 1, id ?? Guid.NewGuid(), [new SupplementRequestItem("articles", "章程第五条与申请表不一致")], null, "samr-clerk", at)
        {
            Department = "SAMR",
            Approval = approval,
        });
    }

    [Fact]
    public void ARequestAfterFiveWorkingDays_IsRefused_TheClockRunsOn_AndTheDepartmentIsToldWhy()
    {
        // Received on Monday 2 March at 09:00: the window closes with the office on Monday 9 March (the day of receipt
        // not counted).
        var h = Run();
        var due = h.Step("a")!.DueAt;
        var request = Guid.NewGuid();

        Request(h, new DateTimeOffset(2026, 3, 10, 10, 0, 0, Cst), request);

        Assert.Equal(due, h.Step("a")!.DueAt);
        Assert.DoesNotContain(h.Step("a")!.Clock!, e => e.Kind == ClockEventKind.Pause);
        Assert.Null(h.Step("a")!.Supplement);
        Assert.DoesNotContain(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-requested");
        var ignored = Assert.Single(h.Audit, a => a.Type == "SupplementIgnored");
        Assert.Contains("补正须在收件后 5 个工作日内", ignored.Data!["reason"], StringComparison.Ordinal);
        var told = Assert.Single(h.Commands.OfType<AnnounceSupplementRefused>());
        Assert.Equal(("a", 1, "SAMR", request), (told.StepId, told.Attempt, told.Department, told.RequestId));
        Assert.Equal(ignored.Data!["reason"], told.Reason);
    }

    [Fact]
    public void ARequestOnTheFifthWorkingDay_StopsTheClock()
    {
        var h = Run();

        Request(h, new DateTimeOffset(2026, 3, 9, 16, 0, 0, Cst));

        Assert.Null(h.Step("a")!.DueAt);
        Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-requested");
        Assert.Empty(h.Commands.OfType<AnnounceSupplementRefused>());
    }

    [Fact]
    public void TheDefinitionsShorterWindow_IsCountedInWorkingTime_OnItsCalendar()
    {
        // Three working days from Friday 27 February 09:00 end with the office on Tuesday 3 March: Saturday 28 February is a
        // make-up workday (调休) after the Spring Festival, Sunday is not.
        static FlowHarness Friday() => new FlowHarness(Catalog.Definition("""
            id: window-check
            title: 补正期限
            timeLimits: { statutory: { workingDays: 40 }, promised: { workingDays: 30 } }
            supplements: { requestWithin: { workingDays: 3 } }
            materials:
              - { key: articles, name: 章程, required: true, usedBy: [a] }
            flow:
              - { id: a, activity: department-task, title: 营业执照, department: SAMR, limit: { workingDays: 20 } }
            """), start: new DateTimeOffset(2026, 2, 27, 9, 0, 0, Cst)).Start();

        var late = Request(Friday(), new DateTimeOffset(2026, 3, 4, 9, 30, 0, Cst));
        Assert.Contains("3 个工作日内一次性提出（截至 2026-03-03 17:30）", Assert.Single(late.Commands.OfType<AnnounceSupplementRefused>()).Reason, StringComparison.Ordinal);
        Assert.NotNull(late.Step("a")!.DueAt);

        var inTime = Request(Friday(), new DateTimeOffset(2026, 3, 3, 17, 0, 0, Cst));
        Assert.Empty(inTime.Commands.OfType<AnnounceSupplementRefused>());
        Assert.Null(inTime.Step("a")!.DueAt);
    }

    [Fact]
    public void ARequestAfterTheWindow_ApprovedByASupervisor_StopsTheClock()
    {
        var h = Run();
        var at = new DateTimeOffset(2026, 3, 10, 10, 0, 0, Cst);

        Request(h, at, approval: new SupplementRequestApproval("samr-supervisor", at, "核对原件时才发现印章不清"));

        Assert.Null(h.Step("a")!.DueAt);
        Assert.Equal("samr-supervisor", Assert.Single(h.Audit, a => a.Type == "SupplementRequested").Data!["approvedBy"]);
    }
}
