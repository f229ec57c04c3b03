namespace WorkflowEngine.Definitions.Tests.Bugs;

/// <summary>
/// <c>when: buyerName &gt; 5</c> (text against a number) used to validate and then fail every time it was evaluated,
/// leaving the application in progress for ever. Conditions are now type-checked against the form, and only the
/// operators the format guide lists are accepted.
/// </summary>
public sealed class Bug_8_ConditionsAreTypeCheckedAgainstTheForm
{
    private const string Form = """
          - { key: buyerName, label: 买受人, type: text }
          - { key: price, label: 价格, type: money }
          - { key: agreed, label: 同意, type: bool }
          - { key: signedOn, label: 签订日期, type: date }
        """;

    private static DefinitionError WhenError(string when)
    {
        var errors = TestDefinitions.Errors(TestDefinitions.Yaml(Form, when));
        var error = Assert.Single(errors);
        Assert.Equal("flow[0].when", error.Path);
        return error;
    }

    [Theory]
    [InlineData("buyerName > 5")]
    [InlineData("buyerName == 5")]
    [InlineData("price == 'abc'")]
    [InlineData("agreed == 1")]
    [InlineData("signedOn > 5")]
    public void Load_ComparisonOfIncompatibleTypes_IsRefused(string when) =>
        Assert.Contains("类型", WhenError(when).Message);

    [Theory]
    [InlineData("buyerName > 'a'")]
    [InlineData("agreed < true")]
    public void Load_OrderingTextOrBool_IsRefused(string when) =>
        Assert.Contains("只能用", WhenError(when).Message);

    [Theory]
    [InlineData("Abs(price) > 5")]
    [InlineData("price + 1 > 5")]
    [InlineData("buyerName like 'a%'")]
    [InlineData("agreed ? true : false")]
    [InlineData("price ?? 0 > 5")]
    public void Load_OperatorOrFunctionTheGuideDoesNotList_IsRefused(string when) =>
        Assert.Contains("不支持", WhenError(when).Message);

    [Theory]
    [InlineData("buyerName")]
    [InlineData("price")]
    public void Load_ConditionThatIsNotTrueOrFalse_IsRefused(string when) =>
        Assert.Contains("true 或 false", WhenError(when).Message);

    [Theory]
    [InlineData("buyerName == '张三' and price >= 100000.50")]
    [InlineData("agreed == true or not agreed")]
    [InlineData("buyerName in ('张三', '李四')")]
    [InlineData("price not in (1, 2.5, -3)")]
    [InlineData("signedOn == signedOn")]
    public void Load_WellTypedCondition_IsValid(string when) =>
        Assert.Empty(TestDefinitions.Errors(TestDefinitions.Yaml(Form, when)));
}
