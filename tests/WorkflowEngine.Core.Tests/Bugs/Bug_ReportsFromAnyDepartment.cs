using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>The engine used to accept a step's decision from whichever department sent it.</summary>
public sealed class Bug_ReportsFromAnyDepartment
{
    private const string Yaml = """
        id: dept-check
        title: 部门校验
        timeLimits: { statutory: { workingDays: 5 }, promised: { workingDays: 2 } }
        form:
          - { key: when, label: 日期, type: date }
          - { key: agreed, label: 同意, type: bool }
        flow:
          - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingDays: 1 } }
          - { id: note, activity: notification, message: "{form.agreed} {form.when}" }
        """;

    [Fact]
    public void DecisionFromAnotherDepartment_IsIgnored()
    {
        var h = new FlowHarness(Catalog.Definition(Yaml)).Start();

        h.Apply(new StepCompletedEvent("licence", 1, StepOutcome.Approved, null, null, "tax-clerk", h.Now, true) { Department = "TAX" });

        Assert.Equal(NodeStatus.Active, h.Step("licence")!.Status);
        Assert.Contains(h.Audit, a => a.Type == "ReportFromWrongDepartmentIgnored");
        h.Apply(new StepCompletedEvent("licence", 1, StepOutcome.Approved, null, null, "samr-clerk", h.Now, true) { Department = "SAMR" });
        Assert.Equal(NodeStatus.Completed, h.Step("licence")!.Status);
    }

    [Fact]
    public void Notification_WritesYesNoAndIsoDates_NotCultureDependentText()
    {
        var h = new FlowHarness(Catalog.Definition(Yaml), new Dictionary<string, object?> { ["agreed"] = true, ["when"] = new DateTime(2026, 3, 2) }).Start();

        h.Approve("licence");

        Assert.Contains(h.Commands.OfType<NotifyApplicant>(), n => n.Message == "是 2026-03-02");
    }

    [Fact]
    public void WindowIssuance_IgnoresAnotherDepartmentsReport_AndIssuesOnce()
    {
        var h = new FlowHarness(Catalog.Definition("""
            id: window-issue
            title: 窗口发证
            timeLimits: { statutory: { workingDays: 5 }, promised: { workingDays: 2 } }
            flow:
              - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingHours: 2 } }
              - id: issue
                activity: certificate-issuance
                department: GSC
                limit: { workingHours: 1 }
                certificates: [{ name: 营业执照, from: licence }]
            """)).Start();
        h.Approve("licence");

        h.Apply(new StepCompletedEvent("issue", 1, StepOutcome.Approved, null, null, "tax-clerk", h.Now, true) { Department = "TAX" });
        Assert.Empty(h.Commands.OfType<IssueCertificates>());

        h.Apply(new StepCompletedEvent("issue", 1, StepOutcome.Approved, null, null, "gsc-clerk", h.Now, true) { Department = "GSC" });
        h.Apply(new StepCompletedEvent("issue", 1, StepOutcome.Approved, null, null, "gsc-clerk", h.Now, true) { Department = "GSC" });
        Assert.Single(h.Commands.OfType<IssueCertificates>());
        Assert.Equal(WorkflowStatus.Completed, h.State.Status);
    }
}
