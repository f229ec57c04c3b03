using WorkflowEngine.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A service whose time limits give only the law's period (timeLimits.statutory, no promised limit) was refused with
/// "缺少承诺时限 timeLimits.promised", though a step or stage may be held to its statutory limit alone. It is valid now;
/// one with neither limit still names the statutory one missing, and the flow must still fit in the limit it has.
/// </summary>
public sealed class Bug_10_StatutoryOnlyBundleIsValid
{
    private const string Flow = """
        id: statutory-bundle
        title: 法定时限
        timeLimits: { statutory: { workingDays: 20 } }
        flow:
          id: licence
          activity: department-task
          title: 许可审查
          department: SAMR
          limit: { workingDays: 3 }
        """;

    private static DefinitionLoadResult Load(string yaml) => Catalog.Loader.Load(yaml, "statutory-bundle.yaml");

    [Fact]
    public void ABundleWithOnlyAStatutoryLimit_IsValid()
    {
        var result = Load(Flow);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Definition!.Limits.Promised);
        Assert.Equal(WorkingTimeLimit.Days(20), result.Definition.Limits.Statutory);
    }

    [Fact]
    public void ABundleWithNeitherLimit_IsRefused_NamingTheStatutoryOne()
    {
        var result = Load(Flow.Replace("timeLimits: { statutory: { workingDays: 20 } }", "timeLimits: { yellowShare: 0.5 }", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Path == "timeLimits.statutory");
    }

    [Fact]
    public void AFlowLongerThanTheStatutoryLimitAlone_IsRefused()
    {
        var result = Load(Flow.Replace("limit: { workingDays: 3 }", "limit: { workingDays: 21 }", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Path == "timeLimits.statutory" && e.Message.Contains("关键路径", StringComparison.Ordinal));
    }
}
