using System.Text.Json.Nodes;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A definition's <c>pattern: (a+)+b</c> made each check of a long value run into the one-second regex timeout (and
/// throw). Patterns are now checked when the definition is validated and matched without backtracking.
/// </summary>
public sealed class Bug_8_PatternsMatchWithoutBacktracking
{
    private static string Field(string pattern) => $"  - {{ key: code, label: 编码, type: text, pattern: '{pattern}' }}";

    [Fact]
    public void Validate_NestedQuantifierOnALongValue_AnswersAtOnce()
    {
        var definition = TestDefinitions.Definition(Field("(a+)+b"));

        var errors = TestDefinitions.FormErrors(definition, new JsonObject { ["code"] = new string('a', 40) + "c" });

        Assert.Equal("编码：格式不正确", errors["form.code"]);
        Assert.Empty(TestDefinitions.FormErrors(definition, new JsonObject { ["code"] = new string('a', 40) + "b" }));
    }

    [Theory]
    [InlineData("(?=a)a")]
    [InlineData("(a)\\1")]
    [InlineData("(?>a+)b")]
    public void Load_ConstructThatNeedsBacktracking_IsRefused(string pattern)
    {
        var error = Assert.Single(TestDefinitions.Errors(TestDefinitions.Yaml(Field(pattern))));

        Assert.Equal("form[0].pattern", error.Path);
        Assert.Contains("不支持", error.Message);
    }

    [Fact]
    public void Load_PatternLongerThan500Characters_IsRefused()
    {
        var error = Assert.Single(TestDefinitions.Errors(TestDefinitions.Yaml(Field(new string('a', 501)))));

        Assert.Equal("form[0].pattern", error.Path);
        Assert.Contains("500", error.Message);
    }

    [Fact]
    public void Validate_PatternStoredBeforeTheseRules_RefusesTheValueInsteadOfThrowing()
    {
        var valid = TestDefinitions.Definition(Field("a+"));
        var field = valid.Form[0] with { Pattern = "(?=a)a" };
        var stored = new Core.Model.WorkflowDefinition { Id = valid.Id, Title = valid.Title, Form = [field], Flow = valid.Flow };

        Assert.Equal("编码：格式不正确", TestDefinitions.FormErrors(stored, new JsonObject { ["code"] = "a" })["form.code"]);
    }
}
