using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluentValidation;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Forms;

/// <summary>
/// Checks a submitted form against its definition: unknown fields, required fields, types, limits, and the check digits
/// of resident ID numbers (GB 11643) and unified social credit codes (GB 32100). Each failure is named <c>form.&lt;key&gt;</c>.
/// </summary>
public sealed partial class ApplicationFormValidator : AbstractValidator<FormSubmission>
{
    public ApplicationFormValidator()
    {
        RuleFor(s => s).Custom((submission, ctx) =>
        {
            var form = submission.Form ?? [];
            foreach (var (key, _) in form)
            {
                if (!submission.Definition.Fields.ContainsKey(key))
                {
                    ctx.AddFailure("form." + key, $"表单中没有“{key}”这一项");
                }
            }

            foreach (var field in submission.Definition.Form)
            {
                form.TryGetPropertyValue(field.Key, out var value);
                if (Check(field, value, submission.Today) is { } error)
                {
                    ctx.AddFailure("form." + field.Key, $"{field.Label.Zh}：{error}");
                }
            }
        });
    }

    private static string? Check(FormField field, JsonNode? value, DateOnly today)
    {
        if (IsEmpty(value))
        {
            return field.Required ? "必填" : null;
        }

        var kind = value!.GetValueKind();
        switch (field.Type)
        {
            case FieldType.Number or FieldType.Money:
                if (!JsonNumbers.TryGetDecimal(value, out var number))
                {
                    return "应为数字";
                }

                if (field.Type == FieldType.Money && decimal.Round(number, 2) != number)
                {
                    return "金额最多保留两位小数（单位：元）";
                }

                if (field.Min is { } min && number < min)
                {
                    return $"不能小于 {min.ToString(CultureInfo.InvariantCulture)}";
                }

                return field.Max is { } max && number > max ? $"不能大于 {max.ToString(CultureInfo.InvariantCulture)}" : null;
            case FieldType.Bool:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : "应为 true 或 false";
            case FieldType.Choice when field.Multiple:
                if (value is not JsonArray array || array.Any(v => v?.GetValueKind() != JsonValueKind.String))
                {
                    return "应为选项列表";
                }

                var chosen = array.Select(v => v!.GetValue<string>()).ToArray();
                if (chosen.FirstOrDefault(c => field.Options.All(o => o.Value != c)) is { } unknown)
                {
                    return $"“{unknown}”不是可选项（可选：{string.Join("、", field.Options.Select(o => o.Value))}）";
                }

                return chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Length ? "选项重复" : null;
        }

        if (kind != JsonValueKind.String)
        {
            return "应为文本";
        }

        var text = value.GetValue<string>();
        switch (field.Type)
        {
            case FieldType.Text:
                if (field.MinLength is { } minLength && text.Length < minLength)
                {
                    return $"至少 {minLength} 个字";
                }

                if (field.MaxLength is { } maxLength && text.Length > maxLength)
                {
                    return $"最多 {maxLength} 个字";
                }

                return field.Pattern is { } pattern && !Regex.IsMatch(text, "^(?:" + pattern + ")$", RegexOptions.None, TimeSpan.FromSeconds(1))
                    ? "格式不正确"
                    : null;
            case FieldType.Date:
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return "日期应写作 YYYY-MM-DD";
                }

                if (Bound(field.MinDate, today) is { } earliest && date < earliest)
                {
                    return $"不能早于 {earliest:yyyy-MM-dd}";
                }

                return Bound(field.MaxDate, today) is { } latest && date > latest ? $"不能晚于 {latest:yyyy-MM-dd}" : null;
            case FieldType.Choice:
                return field.Options.Any(o => o.Value == text)
                    ? null
                    : $"“{text}”不是可选项（可选：{string.Join("、", field.Options.Select(o => o.Value))}）";
            case FieldType.CnResidentId:
                return ResidentIdNumber.TryValidate(text, today, out var idError) ? null : idError;
            case FieldType.Uscc:
                return UnifiedSocialCreditCode.TryValidate(text, out var codeError) ? null : codeError;
            case FieldType.Phone:
                return MobilePattern().IsMatch(text) || LandlinePattern().IsMatch(text)
                    ? null
                    : "应为11位手机号码（1开头）或带区号的固定电话（如 010-12345678）";
            case FieldType.Email:
                return EmailPattern().IsMatch(text) ? null : "电子邮箱格式不正确";
            default:
                return null;
        }
    }

    private static bool IsEmpty(JsonNode? value) =>
        value is null
        || (value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()))
        || (value is JsonArray { Count: 0 });

    private static DateOnly? Bound(string? bound, DateOnly today) => bound switch
    {
        null => null,
        "today" => today,
        _ => DateOnly.ParseExact(bound, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex LandlinePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
