using System.Text.Json.Nodes;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// NUL and other control characters, lone surrogates and U+FFFD (what a decoder puts where the client's bytes were
/// not valid UTF-8) used to be stored in text fields as sent.
/// </summary>
public sealed class Bug_8_ControlCharactersAreRefused
{
    private static readonly Core.Model.WorkflowDefinition Definition = TestDefinitions.Definition("""
          - { key: name, label: 姓名, type: text }
          - { key: kind, label: 类型, type: choice, options: [a, b] }
          - { key: kinds, label: 多选, type: choice, multiple: true, options: [a, b] }
        """);

    [Theory]
    [InlineData("张\0三", "控制字符")]
    [InlineData("张\u001b三", "控制字符")]
    [InlineData("张\u0085三", "控制字符")]
    [InlineData("张\ufffd三", "U+FFFD")]
    public void Validate_TextWithACharacterThatIsNeverText_IsRefused(string value, string expected) =>
        Assert.Contains(expected, TestDefinitions.FormErrors(Definition, new JsonObject { ["name"] = value })["form.name"]);

    [Fact]
    public void Validate_TextWithALoneSurrogate_IsRefused() =>
        // Built in code: a lone surrogate cannot survive an attribute argument, which is stored as UTF-8.
        Assert.Contains("代理", TestDefinitions.FormErrors(Definition, new JsonObject { ["name"] = "张" + '\ud800' + "三" })["form.name"]);

    [Fact]
    public void Validate_TabsAndLineBreaksInText_AreAllowed() =>
        Assert.Empty(TestDefinitions.FormErrors(Definition, new JsonObject { ["name"] = "第一行\r\n第二行\t完" }));

    [Fact]
    public void Validate_ChoiceWithNul_IsRefusedWithoutEchoingIt()
    {
        var message = TestDefinitions.FormErrors(Definition, new JsonObject { ["kind"] = "a\0" })["form.kind"];

        Assert.DoesNotContain("\0", message, StringComparison.Ordinal);
        Assert.Contains("U+0000", message);
    }

    [Fact]
    public void Validate_MultipleChoiceWithAControlCharacter_IsRefused() =>
        Assert.Contains("U+0007", TestDefinitions.FormErrors(Definition, new JsonObject { ["kinds"] = new JsonArray("a", "b\a") })["form.kinds"]);
}
