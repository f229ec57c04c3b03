using System.Text.Json.Nodes;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// A definition's pattern was anchored with <c>$</c>, which also matches before a final newline, so
/// <c>"123\n"</c> passed <c>[0-9]{3}</c>. The value must now match to its very end, and a pattern cannot close the
/// group it is wrapped in to escape the anchors.
/// </summary>
public sealed class Bug_8_PatternsAreAnchoredAtTheVeryEnd
{
    [Fact]
    public void Validate_TrailingNewline_DoesNotMatch()
    {
        var definition = TestDefinitions.Definition("  - { key: code, label: 编码, type: text, pattern: '[0-9]{3}' }");

        Assert.Contains("格式不正确", TestDefinitions.FormErrors(definition, new JsonObject { ["code"] = "123\n" })["form.code"]);
        Assert.Empty(TestDefinitions.FormErrors(definition, new JsonObject { ["code"] = "123" }));
    }

    [Theory]
    [InlineData("a)|(b")]
    [InlineData("(?x)a#")]
    [InlineData("[0-9]+\\d")]
    public void Load_PatternThatCouldMatchMoreThanItSays_IsRefused(string pattern)
    {
        var errors = TestDefinitions.Errors(TestDefinitions.Yaml($"  - {{ key: code, label: 编码, type: text, pattern: '{pattern}' }}"));

        Assert.Contains(errors, e => e.Path == "form[0].pattern");
    }
}
