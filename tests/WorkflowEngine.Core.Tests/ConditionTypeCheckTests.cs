using CsCheck;
using WorkflowEngine.Core.Conditions;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// <see cref="Condition.TypeErrors"/> accepts what the format guide lists, and what it accepts evaluates without
/// throwing over any values of the fields' types, null included.
/// </summary>
public sealed class ConditionTypeCheckTests
{
    private static readonly Dictionary<string, FormField> Fields = new FormField[]
    {
        Field("count", FieldType.Number),
        Field("price", FieldType.Money),
        Field("name", FieldType.Text),
        Field("phone", FieldType.Phone),
        Field("agreed", FieldType.Bool),
        Field("signedOn", FieldType.Date),
        Field("kind", FieldType.Choice),
        Field("kinds", FieldType.Choice) with { Multiple = true },
    }.ToDictionary(f => f.Key, StringComparer.Ordinal);

    private static readonly Gen<object?> NullValue = Gen.Bool.Select(_ => (object?)null);

    private static readonly Gen<object?> AnyValue = Gen.OneOf<object?>(
        NullValue,
        Gen.OneOf(0m, 1.5m, -3m, decimal.MaxValue, decimal.MinValue, 0.01m, 100000000000m).Select(d => (object?)d),
        Gen.Bool.Select(b => (object?)b),
        Gen.OneOf(new DateTime(2026, 1, 1), DateTime.MinValue, DateTime.MaxValue.Date).Select(d => (object?)d),
        Gen.OneOf("", "a", "a,b", "张三", "5", "true", "'", "2026-01-01").Select(s => (object?)s));

    private static readonly Gen<string> Atom = Gen.OneOf(
        "count", "price", "name", "phone", "agreed", "signedOn", "kind", "kinds", "nowhere",
        "0", "5", "-3", "1.5", "79228162514264337593543950335", "99999999999999999999999999999999", "1e400", "1e5",
        "'a'", "'a,b'", "''", "true", "false", "#01/02/2026#", "null");

    private static readonly Gen<string> Expression = Gen.Recursive<string>((depth, expression) => depth >= 4
        ? Atom
        : Gen.Frequency(
            (3, Atom),
            (4, Gen.Select(expression, Gen.OneOf("==", "!=", "<", "<=", ">", ">=", "and", "or", "+", "*", "like", "??"), expression, (l, op, r) => $"{l} {op} {r}")),
            (1, expression.Select(e => "not " + e)),
            (1, expression.Select(e => "(" + e + ")")),
            (1, Gen.Select(Atom, Atom.Array[0, 3], Gen.Bool, (l, items, not) => $"{l} {(not ? "not in" : "in")} ({string.Join(", ", items)})")),
            (1, expression.Select(e => $"Abs({e})"))));

    private static FormField Field(string key, FieldType type) => new() { Key = key, Label = new LocalizedText(key), Type = type };

    /// <summary>The problem in Chinese; a problem is always said in English too, without a Chinese word in it.</summary>
    private static string? Check(string text)
    {
        if (Condition.Parse(text).TypeErrors(Fields) is not { } problem)
        {
            return null;
        }

        var (zh, en) = problem;
        Assert.False(string.IsNullOrWhiteSpace(en));
        Assert.DoesNotMatch("[\\u4e00-\\u9fff]", en);
        return zh;
    }

    [Theory]
    [InlineData("count > 5")]
    [InlineData("price >= 100000.50 and agreed == true")]
    [InlineData("name == '张三' or phone != '13800138000'")]
    [InlineData("not agreed")]
    [InlineData("agreed")]
    [InlineData("kind in ('a', 'b') and count not in (1, -2, 3.5)")]
    [InlineData("kinds == 'a,b'")]
    [InlineData("signedOn <= signedOn")]
    [InlineData("5 > 3")]
    [InlineData("nowhere == 1")]
    public void TypeError_ConditionTheGuideAllows_IsNull(string text) => Assert.Null(Check(text));

    [Theory]
    [InlineData("name > 5", "不同类型")]
    [InlineData("count == 'a'", "不同类型")]
    [InlineData("name < 'b'", "只能用于数字或日期")]
    [InlineData("agreed > false", "只能用于数字或日期")]
    [InlineData("count + 1 > 2", "“+”")]
    [InlineData("-count > 2", "负号")]
    [InlineData("name like 'a%'", "“like”")]
    [InlineData("Abs(count) > 2", "函数“Abs”")]
    [InlineData("agreed ? true : false", "? :")]
    [InlineData("kind in ('a')", "多个值")]
    [InlineData("kind in (name, 'a')", "常量")]
    [InlineData("count in ('a', 'b')", "不同类型")]
    [InlineData("agreed in (true, false)", "in 只用于")]
    [InlineData("count > 99999999999999999999999999999999", "不受支持")]
    [InlineData("count > 1e400", "超出范围")]
    [InlineData("signedOn > #01/02/2026#", "日期常量")]
    [InlineData("count", "true 或 false")]
    [InlineData("not name", "not 的对象")]
    [InlineData("count > 1 and name", "and/or")]
    public void TypeError_ConditionTheGuideDoesNotAllow_SaysWhy(string text, string expected) =>
        Assert.Contains(expected, Check(text));

    [Fact]
    public void TypeError_NestingDeeperThan32_IsRefused() =>
        Assert.Contains("32", Check(string.Concat(Enumerable.Repeat("not ", 40)) + "agreed"));

    [Fact]
    public void TryParse_LongerThan1000Characters_IsRefused()
    {
        Assert.False(Condition.TryParse("count > " + new string('1', 1000), out _, out var error));
        Assert.Contains("1000", error);
    }

    [Fact]
    public void Evaluate_WellTypedCondition_NeverThrowsForValuesOfTheFieldsTypes()
    {
        var values = Gen.Select(
            Gen.OneOf<object?>(NullValue, Gen.OneOf(0m, 1.5m, -3m, 5m, decimal.MaxValue, decimal.MinValue).Select(d => (object?)d)),
            Gen.OneOf<object?>(NullValue, Gen.OneOf("", "a", "a,b", "张三", "5").Select(s => (object?)s)),
            Gen.OneOf<object?>(NullValue, Gen.Bool.Select(b => (object?)b)),
            Gen.OneOf<object?>(NullValue, Gen.OneOf(new DateTime(2026, 1, 1), DateTime.MinValue).Select(d => (object?)d)),
            (number, text, flag, date) => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["count"] = number, ["price"] = number, ["name"] = text, ["phone"] = text, ["kind"] = text, ["kinds"] = text,
                ["agreed"] = flag, ["signedOn"] = date,
            });

        var wellTyped = 0;
        Gen.Select(Expression, values.Array[4]).Sample((text, assignments) =>
        {
            if (!Condition.TryParse(text, out var condition, out _) || condition!.TypeErrors(Fields) is not null)
            {
                return;
            }

            Interlocked.Increment(ref wellTyped);
            foreach (var assignment in assignments)
            {
                condition.Evaluate(assignment);
            }
        }, iter: 4000);

        Assert.True(wellTyped > 200, $"only {wellTyped} well-typed conditions were generated");
    }

    [Fact]
    public void Evaluate_AnyParsedCondition_ThrowsOnlyConditionEvaluationException() =>
        Gen.Select(Expression, Gen.Select(AnyValue, AnyValue, AnyValue, (a, b, c) => (a, b, c))).Sample((text, v) =>
        {
            if (!Condition.TryParse(text, out var condition, out _))
            {
                return;
            }

            var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["count"] = v.a, ["name"] = v.b, ["agreed"] = v.c };
            try
            {
                condition!.Evaluate(values);
            }
            catch (ConditionEvaluationException)
            {
                // What the engine turns into an incident; anything else would escape it.
            }
        }, iter: 2000);
}
