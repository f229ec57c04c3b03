using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// <c>extension: { max, approver }</c> on the bundle's <c>timeLimits</c> and on a stage: read, and refused at its line
/// where the approver is no department, where the promise extended by all of it would pass the statutory limit, or on
/// a node that is not a timed stage.
/// </summary>
public sealed class ExtensionRulesValidationTests
{
    private const string Yaml = """
        id: joint
        title: 联合办理
        timeLimits:
          statutory: { workingDays: 45 }
          promised: { workingDays: 20 }
          extension: { max: { workingDays: 15 }, approver: GSC }
        flow:
          id: stage-1
          activity: stage
          title: 联合验收阶段
          limit: { workingDays: 8 }
          statutoryLimit: { workingDays: 10 }
          extension: { max: { workingDays: 2 }, approver: GSC }
          steps:
            - { id: a, activity: department-task, title: 规划核实, department: NRP, limit: { workingDays: 4 } }
        """;

    private static DefinitionLoadResult Load(string yaml) => Catalog.Loader.Load(yaml, "joint.yaml");

    private static DefinitionError Single(DefinitionLoadResult result)
    {
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void BundleAndStageExtensions_AreRead()
    {
        var loaded = Load(Yaml);

        Assert.True(loaded.IsValid, string.Join("; ", loaded.Errors));
        Assert.Equal(WorkingTimeLimit.Days(15), loaded.Definition!.Limits.Extension!.Max);
        Assert.Equal("GSC", loaded.Definition.Limits.Extension.Approver);
        Assert.Equal(WorkingTimeLimit.Days(2), loaded.Definition.Flow.Extension!.Max);
    }

    [Fact]
    public void AnApproverThatIsNoDepartment_IsRefused_AtItsLine()
    {
        var error = Single(Load(Yaml.Replace("approver: GSC }\nflow", "approver: MAYOR }\nflow", StringComparison.Ordinal)));

        Assert.Equal(("timeLimits.extension.approver", 6), (error.Path, error.Line));
        Assert.Contains("未知部门“MAYOR”", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APromiseExtendedPastTheStatutoryLimit_IsRefused_ForTheBundleAndForAStage()
    {
        var bundle = Single(Load(Yaml.Replace("max: { workingDays: 15 }", "max: { workingDays: 26 }", StringComparison.Ordinal)));
        Assert.Equal(("timeLimits.extension.max", 6), (bundle.Path, bundle.Line));
        Assert.Contains("承诺时限（20 个工作日）延长 26 个工作日 后超过法定时限（45 个工作日）", bundle.Message, StringComparison.Ordinal);

        var stage = Single(Load(Yaml.Replace("max: { workingDays: 2 }", "max: { workingDays: 3 }", StringComparison.Ordinal)));
        Assert.Equal(("flow.extension.max", 13), (stage.Path, stage.Line));
        Assert.Contains("阶段“联合验收阶段”", stage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExtensionWithoutMax_OrOnADepartmentTask_IsRefused()
    {
        var noMax = Single(Load(Yaml.Replace("extension: { max: { workingDays: 15 }, approver: GSC }", "extension: { approver: GSC }", StringComparison.Ordinal)));
        Assert.Equal("timeLimits.extension.max", noMax.Path);

        var onStep = Single(Load(Yaml.Replace("limit: { workingDays: 4 } }", "limit: { workingDays: 4 }, extension: { max: { workingDays: 1 }, approver: GSC } }", StringComparison.Ordinal)));
        Assert.Equal("flow.steps[0].extension", onStep.Path);
        Assert.Contains("maxExtension", onStep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedJointBundles_AllowFifteenWorkingDays_ApprovedByTheServiceCentre()
    {
        foreach (var id in (string[])["joint-acceptance-registration", "construction-permit"])
        {
            var extension = Catalog.Shipped(id).Limits.Extension!;
            Assert.Equal((WorkingTimeLimit.Days(15), "GSC"), (extension.Max, extension.Approver));
        }
    }
}
