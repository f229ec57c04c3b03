using WorkflowEngine.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A step or stage with a statutory limit (法定时限) and no promised one was refused ("只用于有办理时限 limit 的部门事项或阶段"),
/// though a clock runs against the promised and the statutory limit, either of which may be absent. Such a node is valid
/// now; one with neither limit, or a statutory limit on a node that is not timed, is still refused.
/// </summary>
public sealed class Bug_10_StatutoryOnlyLimitIsValid
{
    private const string Flow = """
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

    private static DefinitionLoadResult Load(string yaml) => Catalog.Loader.Load(yaml, "statutory-only.yaml");

    [Fact]
    public void AStepAStageAndACertificateDeskWithOnlyAStatutoryLimit_AreValid_AndTimedAgainstIt()
    {
        var result = Load(Flow);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var definition = result.Definition!;
        Assert.Equal(WorkingTimeLimit.Days(3), definition.Node("licence").StatutoryLimit);
        var activities = Catalog.Activities;
        Assert.Null(activities.Get("department-task").PromisedLimitOf(definition.Node("licence")));
        Assert.Equal(WorkingTimeLimit.Days(3), activities.Get("department-task").LimitOf(definition.Node("licence")));
        Assert.Equal(WorkingTimeLimit.Days(8), activities.Get("stage").LimitOf(definition.Node("review")));
    }

    [Fact]
    public void AStepWithNeitherLimit_IsStillRefused_NamingBoth()
    {
        var result = Load(Flow.Replace("      statutoryLimit: { workingDays: 3 }\n", "", StringComparison.Ordinal));

        var error = Assert.Single(result.Errors);
        Assert.Equal("flow.steps[0].limit", error.Path);
        Assert.Contains("statutoryLimit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStatutoryLimitOnAnUntimedNode_IsStillRefused()
    {
        var onATimer = Load(Flow.Replace(
            "    - id: issue",
            "    - { id: wait, activity: timer, title: 公示, wait: { workingDays: 1 }, statutoryLimit: { workingDays: 2 } }\n    - id: issue",
            StringComparison.Ordinal));

        var error = Assert.Single(onATimer.Errors);
        Assert.Equal("flow.steps[1].statutoryLimit", error.Path);
    }
}
