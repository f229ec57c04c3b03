using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Forms;

/// <summary>
/// Writes each value that has one canonical form in that form, before validation and storage, so the same answer is
/// always stored the same way. Only unambiguous rewrites: nothing that changes which characters a person's name is
/// made of, and nothing a value of the wrong type would need (the validator reports those as sent).
/// </summary>
public static partial class FormNormalizer
{
    /// <summary>
    /// A new form: empty answers dropped; white space around single values trimmed; line breaks in text written as LF;
    /// the resident ID's check character <c>X</c> and the credit code in capitals; the e-mail domain in lower case;
    /// the choices of a multiple choice in the order of the options; numbers without exponent or trailing zeros.
    /// Keys the form does not define are copied as they are. Normalising twice changes nothing.
    /// </summary>
    public static JsonObject Normalize(WorkflowDefinition definition, JsonObject form)
    {
        var result = new JsonObject();
        foreach (var (key, value) in form)
        {
            if (!definition.Fields.TryGetValue(key, out var field))
            {
                result[key] = value?.DeepClone();
            }
            else if (!FormValue.IsEmpty(value))
            {
                result[key] = Normalize(field, value!);
            }
        }

        return result;
    }

    private static JsonNode Normalize(FormField field, JsonNode value)
    {
        var kind = value.GetValueKind();
        if (kind == JsonValueKind.Number && field.Type is FieldType.Number or FieldType.Money)
        {
            return Number(field, value);
        }

        if (field is { Type: FieldType.Choice, Multiple: true } && value is JsonArray array)
        {
            return InOptionOrder(field, array);
        }

        if (kind != JsonValueKind.String || field.Type is FieldType.Choice)
        {
            return value.DeepClone();
        }

        var text = value.GetValue<string>().Trim();
        return JsonValue.Create(field.Type switch
        {
            FieldType.Text => LineBreak().Replace(text, "\n"),
            FieldType.CnResidentId when text.Length == 18 && text[17] == 'x' => text[..17] + "X",
            FieldType.Uscc => AsciiUpper(text),
            FieldType.Email when text.LastIndexOf('@') is > 0 and var at => text[..at] + AsciiLower(text[at..]),
            _ => text,
        });
    }

    private static JsonNode Number(FormField field, JsonNode value)
    {
        var written = value.ToJsonString();
        // Money in exponent form is refused by the validator, not rewritten: an amount should arrive as written.
        var plainEnough = field.Type == FieldType.Number || written.AsSpan().IndexOfAny('e', 'E') < 0;
        return plainEnough && JsonNumbers.TryGetExactDecimal(value, out var number)
            ? JsonValue.Create(decimal.Parse(JsonNumbers.Plain(number), CultureInfo.InvariantCulture))
            : value.DeepClone();
    }

    private static JsonArray InOptionOrder(FormField field, JsonArray array)
    {
        if (array.Any(v => v?.GetValueKind() != JsonValueKind.String))
        {
            return (JsonArray)array.DeepClone();
        }

        // Stable: values that are not options keep their order after the options, and duplicates stay for the validator.
        var order = field.Options.Select((o, i) => (o.Value, i)).DistinctBy(p => p.Value).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
        var sorted = array.Select(v => v!.GetValue<string>())
            .OrderBy(v => order.TryGetValue(v, out var i) ? i : int.MaxValue)
            .Select(v => (JsonNode?)JsonValue.Create(v));
        return new JsonArray([.. sorted]);
    }

    private static string AsciiUpper(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - 32) : source[i];
        }
    });

    private static string AsciiLower(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
        }
    });

    [GeneratedRegex("\r\n?")]
    private static partial Regex LineBreak();
}
