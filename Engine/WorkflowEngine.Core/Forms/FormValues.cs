using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Forms;

/// <summary>Turns a submitted (already validated) form into typed values for <c>when</c> conditions.</summary>
public static class FormValues
{
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
        if (node is null)
        {
            return null;
        }

        var element = node.GetValueKind();
        return field.Type switch
        {
            FieldType.Number or FieldType.Money when JsonNumbers.TryGetDecimal(node, out var number) => number,
            FieldType.Bool when element is JsonValueKind.True or JsonValueKind.False => node.GetValue<bool>(),
            FieldType.Date when element == JsonValueKind.String
                && DateTime.TryParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
            FieldType.Choice when field.Multiple && node is JsonArray array => string.Join(",", array.Select(a => a?.ToString())),
            _ when element == JsonValueKind.String => node.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
