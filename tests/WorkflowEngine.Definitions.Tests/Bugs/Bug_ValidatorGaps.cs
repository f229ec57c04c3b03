using WorkflowEngine.Definitions.Yaml;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>Definitions the validator used to let through, found in the first review.</summary>
public sealed class Bug_ValidatorGaps
{
    private const string Header = """
        id: gaps
        title: 缺口
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: big, label: 大, type: bool }

        """;

    private static IReadOnlyList<DefinitionError> Errors(string yaml) => Catalog.Loader.Load(yaml, "gaps.yaml").Errors;

    [Fact]
    public void Decision_OtherwiseBranchNotLast_IsRefused()
    {
        var errors = Errors(Header + """
            flow:
              activity: decision
              steps:
                - { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 1 } }
                - { id: b, activity: department-task, title: 乙, department: TAX, limit: { workingDays: 1 }, when: big == true }
            """);

        Assert.Contains(errors, e => e.Path == "flow.steps[0].when" && e.Message.Contains("须放在最后"));
    }

    [Fact]
    public void Multiple_OnATextField_IsRefused()
    {
        var errors = Errors(Header.Replace("type: bool }", "type: text, multiple: true }") + """
            flow: { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 1 } }
            """);

        Assert.Contains(errors, e => e.Path == "form[0].multiple");
    }

    [Fact]
    public void MinDateAfterMaxDate_IsRefused()
    {
        var errors = Errors(Header.Replace("type: bool }", "type: date, minDate: 2026-12-01, maxDate: 2026-01-01 }") + """
            flow: { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 1 } }
            """);

        Assert.Contains(errors, e => e.Path == "form[0].minDate" && e.Message.Contains("晚于"));
    }

    [Fact]
    public void MaterialUsedByAStage_IsRefused_BecauseOnlyDepartmentsReceiveMaterials()
    {
        var errors = Errors(new StagedFlow { Materials = ["{ key: plan, name: 方案, required: true, usedBy: [review] }"] }.Yaml);

        Assert.Contains(errors, e => e.Path == "materials[0].usedBy[0]" && e.Message.Contains("部门办理"));
    }

    [Fact]
    public void NOfMWithoutRequired_SaysSoInChinese()
    {
        var errors = Errors(Header + """
            flow:
              activity: parallel
              join: n-of-m
              steps:
                - { id: a, activity: department-task, title: 甲, department: SAMR, limit: { workingDays: 1 } }
            """);

        Assert.Contains(errors, e => e.Path == "flow.required" && e.Message.Contains("须用 required"));
    }

    [Fact]
    public void LeadingZeros_StayText()
    {
        var (root, _) = YamlJsonReader.Read("code: 010\nplus: +5\nnumber: 10\ndecimal: 1.50\n");

        Assert.Equal("010", root!["code"]!.GetValue<string>());
        Assert.Equal("+5", root["plus"]!.GetValue<string>());
        Assert.Equal(10L, root["number"]!.GetValue<long>());
        Assert.Equal(1.50m, root["decimal"]!.GetValue<decimal>());
    }
}
