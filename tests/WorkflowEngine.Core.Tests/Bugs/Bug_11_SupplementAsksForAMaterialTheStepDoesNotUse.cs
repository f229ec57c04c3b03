using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// Only the .NET clerk desk checked that a supplement request (补正) asks for a material the step uses (the
/// definition's <c>usedBy</c>): a department's own system, publishing to the engine's queue over AMQP, had the applicant
/// asked for another department's material, or one the service does not list at all, and the step's clock stopped for
/// it. The engine now refuses such a request like any other invalid one (<c>SupplementIgnored</c>, the department told
/// why) and the clock runs on.
/// </summary>
public sealed class Bug_11_SupplementAsksForAMaterialTheStepDoesNotUse
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static FlowHarness Run() => new FlowHarness(Catalog.Definition("""
        id: material-check
        title: 补正材料
        timeLimits: { statutory: { workingDays: 40 }, promised: { workingDays: 30 } }
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [licence] }
          - { key: seal, name: 印章样式, required: true, usedBy: [seal] }
        flow:
          - activity: parallel
            steps:
              - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingDays: 20 } }
              - { id: seal, activity: department-task, title: 印章刻制, department: PSB, limit: { workingDays: 20 } }
        """)).Start();

    private static FlowHarness Request(FlowHarness h, Guid request, params SupplementRequestItem[] items)
    {
        h.Now = new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst);
        return h.Apply(new StepSupplementRequestedEvent("licence", 1, request, items, null, "samr-clerk", h.Now) { Department = "SAMR" });
    }

    [Theory]
    [InlineData("seal", "材料“seal”不是本事项使用的材料，本事项使用的材料为：articles")]
    [InlineData("passport", "材料“passport”不是本事项使用的材料，本事项使用的材料为：articles")]
    public void ARequestForAMaterialTheStepDoesNotUse_IsRefused_TheClockRunsOn_AndTheDepartmentIsToldWhy(string material, string reason)
    {
        var h = Run();
        var due = h.Step("licence")!.DueAt;
        var request = Guid.NewGuid();

        Request(h, request, new SupplementRequestItem("articles", "章程缺页"), new SupplementRequestItem(material, "请补充"));

        Assert.Equal(due, h.Step("licence")!.DueAt);
        Assert.DoesNotContain(h.Step("licence")!.Clock!, e => e.Kind == ClockEventKind.Pause);
        Assert.Null(h.Step("licence")!.Supplement);
        Assert.DoesNotContain(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-requested");
        Assert.Equal(reason, Assert.Single(h.Audit, a => a.Type == "SupplementIgnored").Data!["reason"]);
        var told = Assert.Single(h.Commands.OfType<AnnounceSupplementRefused>());
        Assert.Equal(("licence", "SAMR", request, reason), (told.StepId, told.Department, told.RequestId, told.Reason));
    }

    [Fact]
    public void ARequestForTheStepsOwnMaterial_StopsTheClock()
    {
        var h = Request(Run(), Guid.NewGuid(), new SupplementRequestItem("articles", "章程缺页"));

        Assert.Null(h.Step("licence")!.DueAt);
        Assert.Single(h.Commands.OfType<NotifyApplicant>(), n => n.Kind == "supplement-requested");
        Assert.Empty(h.Commands.OfType<AnnounceSupplementRefused>());
    }
}
