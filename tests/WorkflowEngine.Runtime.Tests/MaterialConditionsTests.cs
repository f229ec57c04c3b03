using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>Which materials the answers call for, judged as the flow judges which of its steps run.</summary>
public sealed class MaterialConditionsTests
{
    private static readonly Core.Model.WorkflowDefinition Flow = Catalog.Definition("""
        id: test-materials
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: bank, label: 预约银行开户, type: bool }
          - { key: capital, label: 注册资本, type: money }
        materials:
          - { key: always, name: 章程, usedBy: [a] }
          - { key: bankForm, name: 开户申请书, usedBy: [bank-account] }
          - { key: bigReport, name: 验资报告, usedBy: [big] }
          - { key: smallReport, name: 说明, usedBy: [small] }
        flow:
          activity: sequence
          steps:
            - { id: a, activity: department-task, title: a, department: SAMR, limit: { workingHours: 2 } }
            - { id: bank-account, activity: department-task, title: 银行开户, department: BANK, limit: { workingHours: 2 }, when: bank == true }
            - activity: decision
              steps:
                - { id: big, activity: department-task, title: big, department: SAMR, limit: { workingHours: 2 }, when: capital > 1000000 }
                - { id: small, activity: department-task, title: small, department: TAX, limit: { workingHours: 2 }, when: capital > 0 }
        """);

    [Fact]
    public void Of_FollowsTheAnswers_AsTheFlowChoosesItsSteps()
    {
        var none = MaterialConditions.Of(Flow, null);
        var answered = MaterialConditions.Of(Flow, new JsonObject { ["bank"] = true, ["capital"] = 2000000 });
        var small = MaterialConditions.Of(Flow, new JsonObject { ["bank"] = false, ["capital"] = 5000 });

        Assert.Equal([true, false, false, false], Flow.Materials.Select(m => none[m.Key]));
        // A decision takes its first branch that holds: a large capital calls for the report, not the small one's note.
        Assert.Equal([true, true, true, false], Flow.Materials.Select(m => answered[m.Key]));
        Assert.Equal([true, false, false, true], Flow.Materials.Select(m => small[m.Key]));
    }

    [Fact]
    public void Describe_SaysTheConditionInWords_OnlyForAMaterialThatDependsOnOne()
    {
        var zh = CultureInfo.GetCultureInfo("zh-CN");

        Assert.Null(MaterialConditions.Describe(Flow, Flow.Materials[0], zh));
        Assert.Equal("“预约银行开户”为“是”", MaterialConditions.Describe(Flow, Flow.Materials[1], zh));
        Assert.DoesNotContain("==", MaterialConditions.Describe(Flow, Flow.Materials[1], CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
    }
}
