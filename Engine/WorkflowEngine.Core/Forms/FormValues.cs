using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Forms;

/// <summary>Turns a submitted (already validated) form into typed values for <c>when</c> conditions.</summary>
public static class FormValues
{
    /// <summary>
    /// Each field's value as its condition type (decimal, bool, DateTime or string), or null when it is empty or, which
    /// validation prevents, not of its type — so a well-typed condition never meets a value of another type.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> ForConditions(WorkflowDefinition definition, JsonObject? form)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in definition.Form)
        {
            values[field.Key] = form is not null && form.TryGetPropertyValue(field.Key, out var node) ? Convert(field, node) : null;
        }

        return values;
    }

    private static object? Convert(FormField field, JsonNode? node)
    {
        if (FormValue.IsEmpty(node))
        {
            return null;
        }

        var kind = node!.GetValueKind();
        return field.Type switch
        {
            FieldType.Number or FieldType.Money => JsonNumbers.TryGetDecimal(node, out var number) ? number : null,
            FieldType.Bool => kind is JsonValueKind.True or JsonValueKind.False ? node.GetValue<bool>() : null,
            FieldType.Date => kind == JsonValueKind.String
                && DateTime.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
            FieldType.Choice when field.Multiple => node is JsonArray array && array.All(a => a?.GetValueKind() == JsonValueKind.String)
                ? string.Join(",", array.Select(a => a!.GetValue<string>()))
                : null,
            _ => kind == JsonValueKind.String ? node.GetValue<string>() : null,
        };
    }
}
