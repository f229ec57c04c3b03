using System.Globalization;
using NCalc;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Conditions;

/// <summary>
/// Says a parsed condition in plain words for the one-time notice (一次性告知): fields by their labels, choices by their
/// option labels, comparisons as words. An applicant never sees an operator symbol or a field key; what the validator
/// would refuse anyway (functions, arithmetic) is said as "a further condition of the service", never quoted.
/// </summary>
internal sealed class ConditionWording(IReadOnlyDictionary<string, FormField> fields, bool english)
{
    public string Describe(LogicalExpression expression) => Words(expression, nested: false);

    private string Words(LogicalExpression expression, bool nested) => expression switch
    {
        BinaryExpression { Type: BinaryExpressionType.And or BinaryExpressionType.Or } logical => Logical(logical, nested),
        BinaryExpression { Type: BinaryExpressionType.In or BinaryExpressionType.NotIn } membership => Membership(membership),
        BinaryExpression comparison when Comparison(comparison.Type) is not null => Compared(comparison),
        UnaryExpression { Type: UnaryExpressionType.Not } negation => english
            ? $"it is not the case that {Words(negation.Expression, nested: true)}"
            : $"并非{Words(negation.Expression, nested: true)}",
        Identifier identifier when FieldOf(identifier) is { Type: FieldType.Bool } field => Is(Label(field), Yes(true)),
        ValueExpression { Value: bool always } => always ? (english ? "always" : "任何情况下") : (english ? "never" : "任何情况下都不"),
        _ => english ? "a further condition of the service holds" : "满足本事项的其他条件",
    };

    private string Logical(BinaryExpression logical, bool nested)
    {
        var joiner = logical.Type == BinaryExpressionType.And ? (english ? " and " : "，并且") : (english ? " or " : "，或者");
        var text = Words(logical.LeftExpression, nested: true) + joiner + Words(logical.RightExpression, nested: true);
        // Brackets only where an and/or sits inside another, so that "A and (B or C)" keeps its meaning.
        return nested ? (english ? $"({text})" : $"（{text}）") : text;
    }

    private string Compared(BinaryExpression comparison)
    {
        // A field on either side: the field is the subject; a literal on the left turns the comparison round.
        var (subject, other, type) = comparison.LeftExpression is Identifier || comparison.RightExpression is not Identifier
            ? (comparison.LeftExpression, comparison.RightExpression, comparison.Type)
            : (comparison.RightExpression, comparison.LeftExpression, Mirror(comparison.Type));
        var field = subject is Identifier identifier ? FieldOf(identifier) : null;
        var name = Operand(subject, null);
        var value = Operand(other, field);
        if (field?.Type == FieldType.Bool && other is ValueExpression { Value: bool flag })
        {
            // "含人防工程 == false" reads as "含人防工程：否", not as "is not yes".
            return Is(name, Yes(type == BinaryExpressionType.Equal ? flag : !flag));
        }

        var date = field?.Type == FieldType.Date;
        var relation = Comparison(type) switch
        {
            "eq" => english ? "is" : "为",
            "ne" => english ? "is not" : "不为",
            "lt" => date ? (english ? "is before" : "早于") : (english ? "is less than" : "小于"),
            "le" => date ? (english ? "is on or before" : "不晚于") : (english ? "is at most" : "不大于"),
            "gt" => date ? (english ? "is after" : "晚于") : (english ? "is more than" : "大于"),
            _ => date ? (english ? "is on or after" : "不早于") : (english ? "is at least" : "不小于"),
        };
        return english ? $"{name} {relation} {value}" : $"{name}{relation}{value}";
    }

    private string Membership(BinaryExpression membership)
    {
        var field = membership.LeftExpression is Identifier identifier ? FieldOf(identifier) : null;
        var name = Operand(membership.LeftExpression, null);
        var items = membership.RightExpression is LogicalExpressionList list
            ? list.Select(item => Operand(item, field)).ToArray()
            : [Operand(membership.RightExpression, field)];
        var alternatives = english ? string.Join(" or ", items) : string.Join("或", items);
        return membership.Type == BinaryExpressionType.In
            ? (english ? $"{name} is {alternatives}" : $"{name}为{alternatives}")
            : (english ? $"{name} is none of {string.Join(", ", items)}" : $"{name}不是{string.Join("、", items)}中的任何一项");
    }

    /// <summary>A side of a comparison: a field by its label, a literal as the applicant would have entered it.</summary>
    private string Operand(LogicalExpression expression, FormField? comparedWith) => expression switch
    {
        Identifier identifier when FieldOf(identifier) is { } field => Label(field),
        Identifier => english ? "an answer on the form" : "表中的某项",
        ValueExpression { Value: bool flag } => Yes(flag),
        ValueExpression { Value: string text } => Quoted(comparedWith?.Options.FirstOrDefault(o => o.Value == text) is { } option ? Text(option.Label) : text),
        ValueExpression { Value: IFormattable number } => number.ToString(null, english ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo("zh-CN")),
        UnaryExpression { Type: UnaryExpressionType.Negate, Expression: ValueExpression { Value: IFormattable negative } } =>
            (english ? "minus " : "负") + negative.ToString(null, CultureInfo.InvariantCulture),
        _ => english ? "a value" : "某个值",
    };

    private FormField? FieldOf(Identifier identifier) => fields.GetValueOrDefault(identifier.Name);

    private string Label(FormField field) => Quoted(Text(field.Label));

    private string Text(LocalizedText text) => english ? text.En ?? text.Zh : text.Zh;

    private static string Quoted(string text) => $"“{text}”";

    private string Yes(bool value) => english ? (value ? "“yes”" : "“no”") : (value ? "“是”" : "“否”");

    private string Is(string name, string value) => english ? $"{name} is {value}" : $"{name}为{value}";

    private static string? Comparison(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.Equal => "eq",
        BinaryExpressionType.NotEqual => "ne",
        BinaryExpressionType.Lesser => "lt",
        BinaryExpressionType.LesserOrEqual => "le",
        BinaryExpressionType.Greater => "gt",
        BinaryExpressionType.GreaterOrEqual => "ge",
        _ => null,
    };

    private static BinaryExpressionType Mirror(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.Lesser => BinaryExpressionType.Greater,
        BinaryExpressionType.LesserOrEqual => BinaryExpressionType.GreaterOrEqual,
        BinaryExpressionType.Greater => BinaryExpressionType.Lesser,
        BinaryExpressionType.GreaterOrEqual => BinaryExpressionType.LesserOrEqual,
        _ => type,
    };
}
