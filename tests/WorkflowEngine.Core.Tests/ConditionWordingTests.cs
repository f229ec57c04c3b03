using System.Globalization;
using CsCheck;
using WorkflowEngine.Core.Conditions;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// <see cref="Condition.Describe"/> tells an applicant a step's condition in words with the form's labels: never an
/// operator symbol, never a field key, whatever the condition over the shipped services' fields.
/// </summary>
public sealed class ConditionWordingTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly WorkflowDefinition[] Shipped =
        new[] { "joint-acceptance-registration", "business-opening", "construction-permit" }.Select(Catalog.Shipped).ToArray();

    private static readonly Dictionary<string, FormField> Fields = Shipped.SelectMany(d => d.Form)
        .DistinctBy(f => f.Key).ToDictionary(f => f.Key, StringComparer.Ordinal);

    private static readonly string[] Symbols = ["=", "<", ">", "!", "&", "|"];

    [Theory]
    [InlineData("hasCivilAirDefence == true", "“含人防工程”为“是”")]
    [InlineData("hasCivilAirDefence", "“含人防工程”为“是”")]
    [InlineData("hasCivilAirDefence == false", "“含人防工程”为“否”")]
    [InlineData("hasCivilAirDefence != true", "“含人防工程”为“否”")]
    [InlineData("not hasCivilAirDefence", "并非“含人防工程”为“是”")]
    [InlineData("companyType == 'llc'", "“企业类型”为“有限责任公司”")]
    [InlineData("companyType in ('sole', 'partnership')", "“企业类型”为“个人独资企业”或“合伙企业”")]
    [InlineData("companyType not in ('sole', 'partnership')", "“企业类型”不是“个人独资企业”、“合伙企业”中的任何一项")]
    [InlineData("registeredCapital >= 1000000", "“注册资本（元）”不小于1000000")]
    [InlineData("1000000 < registeredCapital", "“注册资本（元）”大于1000000")]
    [InlineData("openBankAccount == true and (employeeCount > 10 or needsInvoice)", "“预约银行开户”为“是”，并且（“参保职工人数”大于10，或者“申领发票”为“是”）")]
    public void Describe_InChinese_UsesTheLabelsAndWords(string condition, string expected) =>
        Assert.Equal(expected, Condition.Parse(condition).Describe(Fields, Chinese));

    [Theory]
    [InlineData("hasCivilAirDefence == true", "“Includes civil air defence works” is “yes”")]
    [InlineData("companyName != 'x' and employeeCount <= 3", "“Company name” is not “x” and “Employees to be insured” is at most 3")]
    public void Describe_InEnglish_UsesEnglishLabelsWhereGiven(string condition, string expected) =>
        Assert.Equal(expected, Condition.Parse(condition).Describe(Fields, English));

    [Fact]
    public void Describe_InEnglish_UsesTheChineseLabel_WhereTheDefinitionGivesNoEnglish()
    {
        var fields = new Dictionary<string, FormField>(Fields, StringComparer.Ordinal)
        {
            ["employeeCount"] = Fields["employeeCount"] with { Label = new LocalizedText(Fields["employeeCount"].Label.Zh) },
        };

        Assert.Equal("“参保职工人数” is at most 3", Condition.Parse("employeeCount <= 3").Describe(fields, English));
    }

    [Fact]
    public void Describe_AFunctionTheValidatorWouldRefuse_IsNotQuoted()
    {
        var words = Condition.Parse("Abs(employeeCount) > 1").Describe(Fields, Chinese);

        Assert.Equal("某个值大于1", words);
    }

    [Fact]
    public void Describe_AnyConditionOverTheShippedFields_HasNoSymbolAndNoFieldKey() =>
        Expression.Sample(
            text =>
            {
                var condition = Condition.Parse(text);
                foreach (var culture in new[] { Chinese, English })
                {
                    var words = condition.Describe(Fields, culture);
                    Assert.False(string.IsNullOrWhiteSpace(words), text);
                    Assert.DoesNotContain(Symbols, s => words.Contains(s, StringComparison.Ordinal));
                    Assert.DoesNotContain(Fields.Keys, k => words.Contains(k, StringComparison.Ordinal));
                }
            },
            iter: 5_000);

    private static readonly Gen<string> Key = Gen.OneOf(Fields.Keys.ToArray());

    private static readonly Gen<string> Literal = Gen.OneOf(
        Gen.Int[-5, 100_000].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.OneOf("true", "false", "1.5"),
        Gen.OneOf(Fields.Values.SelectMany(f => f.Options).Select(o => $"'{o.Value}'").Append("'张三'").ToArray()),
        Gen.Char["一二三四五六七八九十"].Array[0, 6].Select(chars => $"'{new string(chars)}'"));

    private static readonly Gen<string> Operand = Gen.OneOf(Key, Literal);

    private static readonly Gen<string> Comparison = Gen.Select(Operand, Gen.OneOf("==", "!=", "<", "<=", ">", ">="), Operand)
        .Select((left, op, right) => $"{left} {op} {right}");

    private static readonly Gen<string> Membership = Gen.Select(Key, Gen.Bool, Literal.Array[2, 4])
        .Select((key, negated, items) => $"{key} {(negated ? "not in" : "in")} ({string.Join(", ", items)})");

    private static readonly Gen<string> Expression = Gen.Recursive<string>((depth, expression) => depth >= 3
        ? Gen.OneOf(Comparison, Membership, Key)
        : Gen.OneOf(
            Comparison,
            Membership,
            Key,
            expression.Select(e => $"not ({e})"),
            Gen.Select(expression, Gen.OneOf("and", "or"), expression).Select((l, op, r) => $"({l}) {op} ({r})")));
}
