using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>告知承诺 on a department step: a text to sign, a verification within a year, a known consequence; each mistake told at its key's line.</summary>
public sealed class CommitmentRulesTests
{
    private const string Header = """
        id: sample
        title: 示例事项
        timeLimits:
          statutory: { workingDays: 10 }
          promised: { workingDays: 5 }

        """;

    private const string Step = Header + """
        flow:
          activity: sequence
          steps:
            - id: licence
              activity: department-task
              title: 食品经营许可
              department: SAMR
              limit: { workingDays: 2 }
              commitment:
        """;

    private static DefinitionLoadResult Load(string commitment) => Catalog.Loader.Load(Step + commitment, "sample.yaml");

    [Fact]
    public void ACommitment_IsRead_WithItsTextWaitAndConsequence()
    {
        var result = Load("""

                    text: 本人承诺经营场所符合食品安全要求。
                    verifyWithin: { workingDays: 20 }
                    onFailure: end-application
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var rules = ((ICommitmentSettings)result.Definition!.Node("licence").Settings!).Commitment!;
        Assert.Equal("本人承诺经营场所符合食品安全要求。", rules.Text);
        Assert.Equal(WorkingTimeLimit.Days(20), rules.VerifyWithin);
        Assert.Equal(CommitmentFailure.EndApplication, rules.OnFailure);
    }

    [Theory]
    [InlineData("{ text: \"  \", verifyWithin: { workingDays: 20 } }", "flow.steps[0].commitment.text", "承诺书全文", "full text the applicant signs")]
    [InlineData("{ text: 承诺, verifyWithin: { workingDays: 0 } }", "flow.steps[0].commitment.verifyWithin.workingDays", "大于", "greater than 0")]
    [InlineData("{ text: 承诺 }", "flow.steps[0].commitment.verifyWithin", "事后核查", "how long after approval")]
    [InlineData("{ text: 承诺, verifyWithin: { workingDays: 300 } }", "flow.steps[0].commitment.verifyWithin", "250 个工作日", "within 250 working days of approval")]
    [InlineData("{ text: 承诺, verifyWithin: { workingHours: 2000 } }", "flow.steps[0].commitment.verifyWithin", "250 个工作日", "it is 2000 working hours")]
    [InlineData("{ text: 承诺, verifyWithin: { workingDays: 20 }, onFailure: forget }", "flow.steps[0].commitment.onFailure", "", "")]
    [InlineData("{ text: 承诺, verifyWithin: { workingDays: 20 }, verifier: SAMR }", "flow.steps[0].commitment.verifier", "", "")]
    public void AMistakeInACommitment_IsRefused_AtItsKeysLine_InChineseAndEnglish(string commitment, string path, string says, string saysEn)
    {
        var result = Load(" " + commitment);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(14, error.Line);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.MessageEn);
        Assert.Contains(saysEn, error.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void ACommitment_OnAStepNoDepartmentCarriesOut_IsAnUnknownKey()
    {
        var result = Catalog.Loader.Load(Header + """
            flow:
              activity: sequence
              commitment: { text: 承诺, verifyWithin: { workingDays: 20 } }
              steps:
                - { id: licence, activity: department-task, department: SAMR, limit: { workingDays: 2 } }
            """, "sample.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("flow.commitment", error.Path);
        Assert.Equal(8, error.Line);
    }
}
