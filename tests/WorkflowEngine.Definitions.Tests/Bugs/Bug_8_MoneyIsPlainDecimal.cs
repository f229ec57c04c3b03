using System.Text.Json.Nodes;

namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// <c>1e-300</c> was accepted as money (it reads as 0 in decimal). Money is now a plain decimal with at most two
/// places, and a number must keep its value when read as decimal.
/// </summary>
public sealed class Bug_8_MoneyIsPlainDecimal
{
    private static readonly Core.Model.WorkflowDefinition Definition = TestDefinitions.Definition("""
          - { key: amount, label: 金额, type: money }
          - { key: area, label: 面积, type: number }
        """);

    private static Dictionary<string, string> Errors(string key, string json) =>
        TestDefinitions.FormErrors(Definition, new JsonObject { [key] = JsonNode.Parse(json) });

    [Theory]
    [InlineData("1e-300")]
    [InlineData("1E2")]
    [InlineData("100.001")]
    [InlineData("12345678901234567")]
    public void Validate_MoneyThatIsNotAPlainAmount_IsRefused(string json) =>
        Assert.True(Errors("amount", json).ContainsKey("form.amount"), json);

    [Theory]
    [InlineData("0")]
    [InlineData("1000000")]
    [InlineData("1234.5")]
    [InlineData("1234.56")]
    public void Validate_PlainAmount_IsAccepted(string json) => Assert.Empty(Errors("amount", json));

    [Theory]
    [InlineData("1e-300")]
    [InlineData("1e300")]
    [InlineData("0.12345678901234567890123456789")]
    public void Validate_NumberDecimalCannotHold_IsRefused(string json) =>
        Assert.True(Errors("area", json).ContainsKey("form.area"), json);

    [Theory]
    [InlineData("1e2")]
    [InlineData("-0.5")]
    [InlineData("120.75")]
    public void Validate_NumberDecimalHoldsExactly_IsAccepted(string json) => Assert.Empty(Errors("area", json));
}
