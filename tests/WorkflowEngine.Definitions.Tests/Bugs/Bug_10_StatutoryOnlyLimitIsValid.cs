using WorkflowEngine.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A step or stage with a statutory limit (法定时限) and no promised one was refused ("只用于有办理时限 limit 的部门事项或阶段"),
/// and so was a service whose time limits give only the law's period ("缺少承诺时限 timeLimits.promised"), though a clock
/// runs against the promised and the statutory limit, either of which may be absent. Such a node or service is valid
/// now; one with neither limit is still refused naming the limit it lacks, as is a statutory limit on a node that is not
/// timed, and the flow must still fit in the limit it has.
/// </summary>
public sealed class Bug_10_StatutoryOnlyLimitIsValid
{
    /// <summary>A stage, a step and a certificate desk each held to a statutory limit alone.</summary>
    private const string NodesFlow = """
        id: statutory-only
        title: 法定时限
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        flow:
          id: review
          activity: stage
          title: 审查阶段
          statutoryLimit: { workingDays: 8 }
          steps:
            - id: licence
              activity: department-task
              title: 许可审查
              department: SAMR
              statutoryLimit: { workingDays: 3 }
            - id: issue
              activity: certificate-issuance
              title: 发证
              department: GSC
              statutoryLimit: { workingDays: 1 }
              certificates: [ { name: 许可证, from: licence } ]
        """;

    /// <summary>A service held to its statutory limit alone.</summary>
    private const string BundleFlow = """
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

    private static DefinitionLoadResult Load(string yaml) => Catalog.Loader.Load(yaml, "statutory-only.yaml");

    private static string FlowOf(string node) => node == "bundle" ? BundleFlow : NodesFlow;

    /// <summary>The service's or a node's statutory limit of <paramref name="days"/> working days, and no promised one.</summary>
    [Theory]
    [InlineData("bundle", null, 20)]
    [InlineData("review", "stage", 8)]
    [InlineData("licence", "department-task", 3)]
    [InlineData("issue", "certificate-issuance", 1)]
    public void AStatutoryLimitAlone_IsValid_AndTheClockIsTimedAgainstIt(string node, string? activity, int days)
    {
        var result = Load(FlowOf(node));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var definition = result.Definition!;
        if (activity is null)
        {
            Assert.Equal((null, WorkingTimeLimit.Days(days)), (definition.Limits.Promised, definition.Limits.Statutory));
            return;
        }

        var timed = Catalog.Activities.Get(activity);
        Assert.Equal(WorkingTimeLimit.Days(days), definition.Node(node).StatutoryLimit);
        Assert.Null(timed.PromisedLimitOf(definition.Node(node)));
        Assert.Equal(WorkingTimeLimit.Days(days), timed.LimitOf(definition.Node(node)));
    }

    /// <summary>
    /// Without its statutory limit either, the service is refused naming timeLimits.statutory, and the step naming both
    /// the limits it may have, as its only error (<paramref name="alone"/>).
    /// </summary>
    [Theory]
    [InlineData("bundle", "timeLimits: { statutory: { workingDays: 20 } }", "timeLimits: { yellowShare: 0.5 }", "timeLimits.statutory", "statutory", false)]
    [InlineData("licence", "      statutoryLimit: { workingDays: 3 }\n", "", "flow.steps[0].limit", "statutoryLimit", true)]
    public void NeitherLimit_IsRefused_NamingTheMissingLimit(string node, string statutory, string without, string path, string named, bool alone)
    {
        var result = Load(FlowOf(node).Replace(statutory, without, StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Path == path && e.Message.Contains(named, StringComparison.Ordinal));
        Assert.True(!alone || result.Errors.Count == 1, string.Join("\n", result.Errors));
    }

    [Fact]
    public void AFlowLongerThanTheStatutoryLimitAlone_IsRefused()
    {
        var result = Load(BundleFlow.Replace("limit: { workingDays: 3 }", "limit: { workingDays: 21 }", StringComparison.Ordinal));

        Assert.Contains(result.Errors, e => e.Path == "timeLimits.statutory" && e.Message.Contains("关键路径", StringComparison.Ordinal));
    }

    [Fact]
    public void AStatutoryLimitOnAnUntimedNode_IsStillRefused()
    {
        var onATimer = Load(NodesFlow.Replace(
            "    - id: issue",
            "    - { id: wait, activity: timer, title: 公示, wait: { workingDays: 1 }, statutoryLimit: { workingDays: 2 } }\n    - id: issue",
            StringComparison.Ordinal));

        var error = Assert.Single(onATimer.Errors);
        Assert.Equal("flow.steps[1].statutoryLimit", error.Path);
    }
}
