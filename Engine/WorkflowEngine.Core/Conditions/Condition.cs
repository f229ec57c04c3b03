using System.Globalization;
using NCalc;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Conditions;

/// <summary>A <c>when</c> condition over the application's form data, parsed once by NCalc.</summary>
public sealed class Condition
{
    /// <summary>Longer conditions belong in the form (a field the applicant answers), not in the flow.</summary>
    public const int MaxLength = 1000;

    // NoCache: NCalc's parse cache is static and unbounded, and every definition validated through the API would stay in it.
    private static readonly ExpressionConfiguration Configuration =
        ExpressionOptions.AllowNullParameter | ExpressionOptions.DecimalAsDefault | ExpressionOptions.OrdinalStringComparer | ExpressionOptions.NoCache;

    private readonly LogicalExpression _parsed;

    private Condition(string text, LogicalExpression parsed, IReadOnlyList<string> fields)
    {
        Text = text;
        _parsed = parsed;
        Fields = fields;
    }

    public string Text { get; }

    /// <summary>The form fields the condition reads.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>Parses a condition; the error says what NCalc could not read.</summary>
    public static bool TryParse(string text, out Condition? condition, out string? error)
    {
        condition = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "条件为空";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"条件超过 {MaxLength} 个字符";
            return false;
        }

        var expression = new Expression(text, Configuration, cultureInfo: CultureInfo.InvariantCulture);
        if (expression.HasErrors())
        {
            error = expression.Error?.InnerException?.Message ?? expression.Error?.Message ?? "无法解析";
            return false;
        }

        var names = expression.GetParameterNames().Distinct(StringComparer.Ordinal).ToArray();
        condition = new Condition(text, expression.LogicalExpression!, names);
        return true;
    }

    public static Condition Parse(string text) =>
        TryParse(text, out var condition, out var error) ? condition! : throw new FormatException($"Condition '{text}': {error}");

    /// <summary>
    /// Checks the condition against the form's field types and the operators the format guide lists: the problem in
    /// Chinese (which follows <c>条件“…”</c>) and in English (which follows <c>The condition "…"</c>), or null. Names the
    /// form lacks are left to the caller to report.
    /// </summary>
    public (string Zh, string En)? TypeErrors(IReadOnlyDictionary<string, FormField> fields) => new ConditionTypeChecker(fields).Check(_parsed);

    /// <summary>
    /// The condition in plain words for applicants, with the form's labels: Chinese, or English when
    /// <paramref name="culture"/> is English (labels without an English text stay Chinese).
    /// </summary>
    public string Describe(IReadOnlyDictionary<string, FormField> fields, CultureInfo culture) =>
        new ConditionWording(fields, culture.TwoLetterISOLanguageName == "en").Describe(_parsed);

    /// <summary>
    /// Why a step under this condition did not run, for the applicant and the audit trail: the condition in words with the
    /// form's labels (never the raw expression), in both languages.
    /// </summary>
    public LocalizedText NotMetReason(IReadOnlyDictionary<string, FormField> fields) => new(
        $"条件不满足：{Describe(fields, CultureInfo.GetCultureInfo("zh-CN"))}",
        $"Not needed: the condition is not met ({Describe(fields, CultureInfo.GetCultureInfo("en"))})");

    /// <summary>Evaluates over the form values; a missing optional field reads as null, and anything but true is false.</summary>
    public bool Evaluate(IReadOnlyDictionary<string, object?> values)
    {
        var expression = new Expression(_parsed, Configuration, cultureInfo: CultureInfo.InvariantCulture);
        foreach (var name in Fields)
        {
            expression.Parameters[name] = values.TryGetValue(name, out var value) ? value : null;
        }

        try
        {
            return expression.Evaluate() is true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ConditionEvaluationException(Text, ex);
        }
    }

    public override string ToString() => Text;
}
