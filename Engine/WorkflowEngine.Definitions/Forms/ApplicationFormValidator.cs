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
/// Digits are ASCII and patterns match to the very end of the value; control characters, lone surrogates and U+FFFD
/// are refused in every text.
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
                    ctx.AddFailure("form." + key, FormMessages.Say($"表单中没有“{MessageText.Quote(key)}”这一项", $"The form has no field \"{MessageText.Quote(key)}\""));
                }
            }

            foreach (var field in submission.Definition.Form)
            {
                form.TryGetPropertyValue(field.Key, out var value);
                if (Check(field, value, submission.Today) is { } error)
                {
                    ctx.AddFailure("form." + field.Key, FormMessages.Say($"{field.Label.Zh}：{error}", $"{FormMessages.Of(field.Label)}: {error}"));
                }
            }
        });
    }

    private static string? Check(FormField field, JsonNode? value, DateOnly today)
    {
        if (FormValue.IsEmpty(value))
        {
            return field.Required ? FormMessages.Say("必填", "required") : null;
        }

        var kind = value!.GetValueKind();
        switch (field.Type)
        {
            case FieldType.Number or FieldType.Money:
                return kind == JsonValueKind.Number ? Number(field, value.ToJsonString(), value) : FormMessages.Say("应为数字", "must be a number");
            case FieldType.Bool:
                return kind is JsonValueKind.True or JsonValueKind.False ? null : FormMessages.Say("应为 true 或 false", "must be true or false");
            case FieldType.Choice when field.Multiple:
                return Choices(field, value);
        }

        if (kind != JsonValueKind.String)
        {
            return FormMessages.Say("应为文本", "must be text");
        }

        var text = value.GetValue<string>();
        if (FormCharacters.Problem(text, multiline: field.Type == FieldType.Text) is { } problem)
        {
            return problem;
        }

        return field.Type switch
        {
            FieldType.Text => Text(field, text),
            FieldType.Date => Date(field, text, today),
            FieldType.Choice => Choice(field, text),
            FieldType.CnResidentId => ResidentIdNumber.TryValidate(text, today, out var idError) ? null : idError,
            FieldType.Uscc => UnifiedSocialCreditCode.TryValidate(text, out var codeError) ? null : codeError,
            FieldType.Phone => IsPhoneNumber(text) ? null : PhoneNumberProblem,
            FieldType.Email => Email(text),
            _ => null,
        };
    }

    private static string? Number(FormField field, string written, JsonNode value)
    {
        decimal number;
        if (field.Type == FieldType.Money)
        {
            // Money is written as people write amounts; JSON.stringify never uses an exponent for these values.
            if (written.AsSpan().IndexOfAny('e', 'E') >= 0)
            {
                return FormMessages.Say("金额应写作普通小数（如 1234.56），不能用科学计数法", "write the amount as a plain decimal (such as 1234.56), not in scientific notation");
            }

            if (!MoneyPattern().IsMatch(written))
            {
                return written.Contains('.', StringComparison.Ordinal) && written[(written.IndexOf('.', StringComparison.Ordinal) + 1)..].Length > 2
                    ? FormMessages.Say("金额最多保留两位小数（单位：元）", "an amount has at most two decimal places (in yuan)")
                    : FormMessages.Say($"金额超出范围（整数部分最多 {FieldLimits.MoneyMaxIntegerDigits} 位）", $"the amount is out of range (at most {FieldLimits.MoneyMaxIntegerDigits} digits before the point)");
            }

            number = decimal.Parse(written, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }
        else if (!JsonNumbers.TryGetExactDecimal(value, out number))
        {
            return FormMessages.Say($"数字超出范围，或位数过多（最多 {JsonNumbers.MaxCharacters} 个字符、28 位有效数字）", $"the number is out of range or too long (at most {JsonNumbers.MaxCharacters} characters and 28 significant digits)");
        }

        if (field.Min is { } min && number < min)
        {
            return FormMessages.Say($"不能小于 {min.ToString(CultureInfo.InvariantCulture)}", $"must not be less than {min.ToString(CultureInfo.InvariantCulture)}");
        }

        return field.Max is { } max && number > max ? FormMessages.Say($"不能大于 {max.ToString(CultureInfo.InvariantCulture)}", $"must not be more than {max.ToString(CultureInfo.InvariantCulture)}") : null;
    }

    private static string? Choices(FormField field, JsonNode value)
    {
        if (value is not JsonArray array || array.Any(v => v?.GetValueKind() != JsonValueKind.String))
        {
            return FormMessages.Say("应为选项列表", "must be a list of choices");
        }

        var chosen = array.Select(v => v!.GetValue<string>()).ToArray();
        if (chosen.Select(c => FormCharacters.Problem(c, multiline: false)).FirstOrDefault(p => p is not null) is { } problem)
        {
            return problem;
        }

        if (chosen.FirstOrDefault(c => field.Options.All(o => o.Value != c)) is { } unknown)
        {
            return NotAnOption(field, unknown);
        }

        return chosen.Distinct(StringComparer.Ordinal).Count() != chosen.Length ? FormMessages.Say("选项重复", "a choice is repeated") : null;
    }

    private static string? Choice(FormField field, string text) =>
        field.Options.Any(o => o.Value == text) ? null : NotAnOption(field, text);

    private static string NotAnOption(FormField field, string value) =>
        FormMessages.Say(
            $"“{MessageText.Quote(value)}”不是可选项（可选：{string.Join("、", field.Options.Select(o => o.Value))}）",
            $"\"{MessageText.Quote(value)}\" is not one of the choices ({string.Join(", ", field.Options.Select(o => o.Value))})");

    private static string? Text(FormField field, string text)
    {
        if (field.MinLength is { } minLength && text.Length < minLength)
        {
            return FormMessages.Say($"至少 {minLength} 个字", $"at least {minLength} characters");
        }

        var maxLength = field.MaxLength ?? FieldLimits.DefaultTextMaxLength;
        if (text.Length > maxLength)
        {
            return FormMessages.Say($"最多 {maxLength} 个字", $"at most {maxLength} characters");
        }

        return field.Pattern is { } pattern && !FieldPattern.IsMatch(pattern, text) ? FormMessages.Say("格式不正确", "is not in the expected format") : null;
    }

    private static string? Date(FormField field, string text, DateOnly today)
    {
        if (!DatePattern().IsMatch(text)
            || !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return FormMessages.Say("日期应写作 YYYY-MM-DD", "write the date as YYYY-MM-DD");
        }

        if (Bound(field.MinDate, today) is { } earliest && date < earliest)
        {
            return FormMessages.Say($"不能早于 {earliest:yyyy-MM-dd}", $"must not be before {earliest:yyyy-MM-dd}");
        }

        return Bound(field.MaxDate, today) is { } latest && date > latest ? FormMessages.Say($"不能晚于 {latest:yyyy-MM-dd}", $"must not be after {latest:yyyy-MM-dd}") : null;
    }

    private static string? Email(string text)
    {
        if (text.Length > FieldLimits.EmailMaxLength)
        {
            return FormMessages.Say($"电子邮箱最长 {FieldLimits.EmailMaxLength} 个字符", $"an e-mail address has at most {FieldLimits.EmailMaxLength} characters");
        }

        return EmailPattern().IsMatch(text) && text.IndexOf('@', StringComparison.Ordinal) <= FieldLimits.EmailLocalPartMaxLength
            ? null
            : FormMessages.Say("电子邮箱格式不正确", "is not a valid e-mail address");
    }

    private static DateOnly? Bound(string? bound, DateOnly today) => bound switch
    {
        null => null,
        "today" => today,
        _ => DateOnly.ParseExact(bound, "yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>An 11-digit mobile number or a landline with its area code, in ASCII digits, as a phone field takes it.</summary>
    public static bool IsPhoneNumber(string text) => MobilePattern().IsMatch(text) || LandlinePattern().IsMatch(text);

    /// <summary>What a phone field says of a number <see cref="IsPhoneNumber"/> refuses.</summary>
    public static string PhoneNumberProblem => FormMessages.Say("应为11位手机号码（1开头）或带区号的固定电话（如 010-12345678），用半角数字", "must be an 11-digit mobile number (starting with 1) or a landline with its area code (such as 010-12345678), in ASCII digits");

    // ASCII classes and \z throughout: in .NET \d is any Unicode digit and $ also matches before a final newline.
    [GeneratedRegex(@"\A1[3-9][0-9]{9}\z")]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"\A0[0-9]{2,3}-?[0-9]{7,8}\z")]
    private static partial Regex LandlinePattern();

    [GeneratedRegex(@"\A[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\z")]
    private static partial Regex DatePattern();

    // At most FieldLimits.MoneyMaxIntegerDigits (15) digits before the point and two after it.
    [GeneratedRegex(@"\A-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]{1,2})?\z")]
    private static partial Regex MoneyPattern();
}
