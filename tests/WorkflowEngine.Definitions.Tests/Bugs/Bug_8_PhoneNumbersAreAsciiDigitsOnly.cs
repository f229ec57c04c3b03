using System.Text.Json.Nodes;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// <c>\d</c> in .NET matches any Unicode digit and <c>$</c> matches before a final newline, so phone numbers in
/// full-width or Arabic-Indic digits, or with a trailing newline, passed and were stored as typed.
/// </summary>
public sealed class Bug_8_PhoneNumbersAreAsciiDigitsOnly
{
    [Theory]
    [InlineData("138００１３８０００")]
    [InlineData("138٠٠١٣٨٠٠٠")]
    [InlineData("13800138000\n")]
    [InlineData("0591-87654321\n")]
    [InlineData("0591-８７６５４３２１")]
    public void Validate_PhoneOutsideAsciiDigits_IsRefused(string phone)
    {
        var definition = TestDefinitions.Definition("  - { key: phone, label: 电话, type: phone }");

        Assert.True(TestDefinitions.FormErrors(definition, new JsonObject { ["phone"] = phone }).ContainsKey("form.phone"));
    }

    [Fact]
    public void Validate_EmailWithATrailingNewline_IsRefused()
    {
        var definition = TestDefinitions.Definition("  - { key: mail, label: 邮箱, type: email }");

        Assert.True(TestDefinitions.FormErrors(definition, new JsonObject { ["mail"] = "a@b.cn\n" }).ContainsKey("form.mail"));
    }

    [Theory]
    [InlineData("13800138000")]
    [InlineData("0591-87654321")]
    [InlineData("01012345678")]
    public void Validate_PhoneInAsciiDigits_Passes(string phone)
    {
        var definition = TestDefinitions.Definition("  - { key: phone, label: 电话, type: phone }");

        Assert.Empty(TestDefinitions.FormErrors(definition, new JsonObject { ["phone"] = phone }));
    }
}
