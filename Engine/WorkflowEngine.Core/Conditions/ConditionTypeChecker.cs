using NCalc;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Conditions;

/// <summary>
/// Checks a parsed condition against the form's field types, accepting only what the format guide lists: comparisons
/// of like with like, ordering of numbers and dates, <c>and</c>/<c>or</c>/<c>not</c> over true/false, and <c>in</c>
/// over a list of literals. What passes cannot fail at evaluation over values <see cref="Forms.FormValues"/> produces.
/// </summary>
internal sealed class ConditionTypeChecker(IReadOnlyDictionary<string, FormField> fields)
{
    /// <summary>Deeper conditions are unreadable, and evaluation recurses once per level.</summary>
    public const int MaxDepth = 32;

    private const string Listed = "==、!=、<、<=、>、>=、and、or、not、in、not in";
    private const string ListedEn = "==, !=, <, <=, >, >=, and, or, not, in, not in";

    private (string Zh, string En)? _error;

    /// <summary>
    /// The problem in Chinese (to follow <c>条件“…”</c>) and in English (to follow <c>The condition "…"</c>), or null when
    /// the condition is well typed.
    /// </summary>
    public (string Zh, string En)? Check(LogicalExpression expression)
    {
        var type = Visit(expression, 1);
        if (_error is null && type is not (ConditionType.Bool or ConditionType.Unknown))
        {
            _error = ("的结果应为 true 或 false（例如 agreed == true、amount > 100）", "should come out true or false (agreed == true, or amount > 100, say)");
        }

        return _error;
    }

    public static ConditionType TypeOf(FormField field) => field.Type switch
    {
        FieldType.Number or FieldType.Money => ConditionType.Number,
        FieldType.Bool => ConditionType.Bool,
        FieldType.Date => ConditionType.Date,
        _ => ConditionType.Text,
    };

    private ConditionType Visit(LogicalExpression expression, int depth)
    {
        if (_error is not null)
        {
            return ConditionType.Unknown;
        }

        if (depth > MaxDepth)
        {
            return Fail($"嵌套超过 {MaxDepth} 层", $"is nested deeper than {MaxDepth} levels");
        }

        return expression switch
        {
            Identifier identifier => fields.TryGetValue(identifier.Name, out var field) ? TypeOf(field) : ConditionType.Unknown,
            ValueExpression value => Literal(value),
            UnaryExpression unary => Unary(unary, depth),
            BinaryExpression binary => Binary(binary, depth),
            Function function => Fail(
                $"使用了不支持的函数“{function.Identifier.Name}”（条件中不能调用函数）",
                $"calls the function \"{function.Identifier.Name}\", and conditions call no functions"),
            TernaryExpression => Fail("使用了不支持的“? :”运算", "uses \"? :\", which conditions do not support"),
            _ => Fail($"使用了不支持的写法（可用：{Listed}）", $"uses what conditions do not support (supported: {ListedEn})"),
        };
    }

    private ConditionType Literal(ValueExpression value) => value.Value switch
    {
        int or long or decimal => ConditionType.Number,
        string => ConditionType.Text,
        bool => ConditionType.Bool,
        DateTime => Fail(
            "使用了日期常量：条件中不支持日期常量，日期字段只能与另一个日期字段比较",
            "uses a date constant: conditions have none, and a date field is compared only with another date field"),
        double => Fail("中的数字超出范围", "has a number out of range"),
        // NCalc reads some long digit strings as GUIDs, and has times and characters the guide does not list.
        _ => Fail($"中的常量“{value.Value}”不受支持（可用：数字、'文本'、true、false）", $"has the constant \"{value.Value}\", which conditions do not support (supported: numbers, 'text', true, false)"),
    };

    private ConditionType Unary(UnaryExpression unary, int depth)
    {
        switch (unary.Type)
        {
            case UnaryExpressionType.Not:
                var operand = Visit(unary.Expression, depth + 1);
                return operand is ConditionType.Bool or ConditionType.Unknown
                    ? ConditionType.Bool
                    : Fail($"中 not 的对象应为 true 或 false，而不是{Name(operand)}", $"applies not to {NameEn(operand)}, where it takes true or false");
            case UnaryExpressionType.Negate when IsNumberLiteral(unary.Expression):
                return ConditionType.Number;
            case UnaryExpressionType.Negate:
                return Fail("中的负号只能用于数字常量（条件中不能做算术）", "puts a minus sign before what is not a number constant (conditions do no arithmetic)");
            default:
                return Fail($"使用了不支持的运算符“{Symbol(unary.Type)}”（可用：{Listed}）", $"uses the operator \"{Symbol(unary.Type)}\", which conditions do not support (supported: {ListedEn})");
        }
    }

    private ConditionType Binary(BinaryExpression binary, int depth)
    {
        switch (binary.Type)
        {
            case BinaryExpressionType.And or BinaryExpressionType.Or:
                var left = Visit(binary.LeftExpression, depth + 1);
                var right = Visit(binary.RightExpression, depth + 1);
                return left is ConditionType.Bool or ConditionType.Unknown && right is ConditionType.Bool or ConditionType.Unknown
                    ? ConditionType.Bool
                    : Fail(
                        $"中 and/or 的两边应为 true 或 false 的条件，而不是{Name(left is ConditionType.Bool ? right : left)}",
                        $"joins {NameEn(left is ConditionType.Bool ? right : left)} with and/or, which join true-or-false conditions");
            case BinaryExpressionType.Equal or BinaryExpressionType.NotEqual:
                return Compared(binary, depth, ordering: false);
            case BinaryExpressionType.Lesser or BinaryExpressionType.LesserOrEqual
                or BinaryExpressionType.Greater or BinaryExpressionType.GreaterOrEqual:
                return Compared(binary, depth, ordering: true);
            case BinaryExpressionType.In or BinaryExpressionType.NotIn:
                return In(binary, depth);
            default:
                return Fail(
                    $"使用了不支持的运算符“{Symbol(binary.Type)}”（可用：{Listed}；条件中不能做算术）",
                    $"uses the operator \"{Symbol(binary.Type)}\", which conditions do not support (supported: {ListedEn}; conditions do no arithmetic)");
        }
    }

    private ConditionType Compared(BinaryExpression binary, int depth, bool ordering)
    {
        var left = Visit(binary.LeftExpression, depth + 1);
        var right = Visit(binary.RightExpression, depth + 1);
        if (_error is not null)
        {
            return ConditionType.Unknown;
        }

        if (left != right && left != ConditionType.Unknown && right != ConditionType.Unknown)
        {
            return Different(left, right);
        }

        var type = left == ConditionType.Unknown ? right : left;
        if (ordering && type is ConditionType.Text or ConditionType.Bool)
        {
            return Fail(
                $"中的“{Symbol(binary.Type)}”只能用于数字或日期；{Name(type)}只能用 ==、!= 比较（文本还可用 in）",
                $"orders {NameEn(type)} with \"{Symbol(binary.Type)}\", which is only for numbers and dates ({NameEn(type)} is compared with == and != only{(type == ConditionType.Text ? ", or in" : "")})");
        }

        return ConditionType.Bool;
    }

    private ConditionType In(BinaryExpression binary, int depth)
    {
        var left = Visit(binary.LeftExpression, depth + 1);
        if (left is ConditionType.Bool or ConditionType.Date)
        {
            return Fail($"中的 in 只用于文本和数字，不能用于{Name(left)}", $"uses in with {NameEn(left)}, where in is only for text and numbers");
        }

        // NCalc reads `x in ('a')` as a substring test on 'a', so only a real list of two or more literals is allowed.
        if (binary.RightExpression is not LogicalExpressionList { Count: > 0 } list)
        {
            return Fail(
                "中 in 的右边应为括号中的多个值，如 ('a', 'b')；只有一个值时请用 ==",
                "has in without a list of values in brackets on its right, such as ('a', 'b'); for one value use ==");
        }

        foreach (var item in list)
        {
            if (item is not ValueExpression && !(item is UnaryExpression { Type: UnaryExpressionType.Negate } negated && IsNumberLiteral(negated.Expression)))
            {
                return Fail("中 in 的列表只能列出常量（数字或 '文本'）", "lists what is not a constant after in (only numbers or 'text')");
            }

            var type = Visit(item, depth + 1);
            if (_error is not null)
            {
                return ConditionType.Unknown;
            }

            if (left != ConditionType.Unknown && type != left)
            {
                return Different(left, type);
            }
        }

        return ConditionType.Bool;
    }

    private static bool IsNumberLiteral(LogicalExpression expression) =>
        expression is ValueExpression { Value: int or long or decimal };

    private ConditionType Different(ConditionType left, ConditionType right) =>
        Fail($"比较了不同类型的值：{Name(left)}与{Name(right)}", $"compares values of different types: {NameEn(left)} and {NameEn(right)}");

    private ConditionType Fail(string zh, string en)
    {
        _error ??= (zh, en);
        return ConditionType.Unknown;
    }

    private static string Name(ConditionType type) => type switch
    {
        ConditionType.Number => "数字",
        ConditionType.Text => "文本",
        ConditionType.Bool => " true/false ",
        ConditionType.Date => "日期",
        _ => "未知的值",
    };

    private static string NameEn(ConditionType type) => type switch
    {
        ConditionType.Number => "a number",
        ConditionType.Text => "text",
        ConditionType.Bool => "true/false",
        ConditionType.Date => "a date",
        _ => "an unknown value",
    };

    private static string Symbol(BinaryExpressionType type) => type switch
    {
        BinaryExpressionType.Lesser => "<",
        BinaryExpressionType.LesserOrEqual => "<=",
        BinaryExpressionType.Greater => ">",
        BinaryExpressionType.GreaterOrEqual => ">=",
        BinaryExpressionType.Plus => "+",
        BinaryExpressionType.Minus => "-",
        BinaryExpressionType.Times => "*",
        BinaryExpressionType.Div => "/",
        BinaryExpressionType.Modulo => "%",
        BinaryExpressionType.Exponentiation => "**",
        BinaryExpressionType.BitwiseAnd => "&",
        BinaryExpressionType.BitwiseOr => "|",
        BinaryExpressionType.BitwiseXOr => "^",
        BinaryExpressionType.LeftShift => "<<",
        BinaryExpressionType.RightShift => ">>",
        BinaryExpressionType.Like => "like",
        BinaryExpressionType.NotLike => "not like",
        BinaryExpressionType.Coalesce => "??",
        _ => type.ToString(),
    };

    private static string Symbol(UnaryExpressionType type) => type switch
    {
        UnaryExpressionType.BitwiseNot => "~",
        UnaryExpressionType.Positive => "+",
        UnaryExpressionType.Factorial => "!",
        _ => type.ToString(),
    };
}
