using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A step's <c>when</c> condition that could not be evaluated safely told an administrator working in English only that
/// something in it was wrong, the same words for every mistake, while the Chinese said which: two fields of different
/// types compared, a function called, a list with one value. Each check now says its own problem in English too.
/// </summary>
public sealed class Bug_11_ConditionErrorsInEnglish
{
    private static string Definition(string when) => $$"""
        id: conditions
        title: conditions
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: agreed, label: agreed, type: bool }
          - { key: count, label: count, type: number }
          - { key: name, label: name, type: text }
        flow:
          - { id: check, activity: department-task, title: 审查, department: SAMR, limit: { workingDays: 1 }, when: "{{when}}" }
        """;

    [Theory]
    [InlineData("name > 5", "compares values of different types: text and a number")]
    [InlineData("name < 'b'", "orders text with \"<\", which is only for numbers and dates (text is compared with == and != only, or in)")]
    [InlineData("count + 1 > 2", "uses the operator \"+\", which conditions do not support")]
    [InlineData("-count > 2", "puts a minus sign before what is not a number constant")]
    [InlineData("Abs(count) > 2", "calls the function \"Abs\", and conditions call no functions")]
    [InlineData("name in ('a')", "has in without a list of values in brackets on its right, such as ('a', 'b'); for one value use ==")]
    [InlineData("agreed in (true, false)", "uses in with true/false, where in is only for text and numbers")]
    [InlineData("count", "should come out true or false")]
    [InlineData("not name", "applies not to text, where it takes true or false")]
    [InlineData("count > 1 and name", "joins text with and/or")]
    public void ConditionThatCannotBeEvaluated_SaysWhyInEnglish(string when, string english)
    {
        var error = Assert.Single(Catalog.Loader.Load(Definition(when), "conditions.yaml").Errors);

        Assert.Equal("flow[0].when", error.Path);
        Assert.StartsWith("条件“" + when + "”", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"The condition \"{when}\" {english}", error.MessageEn, StringComparison.Ordinal);
    }
}
