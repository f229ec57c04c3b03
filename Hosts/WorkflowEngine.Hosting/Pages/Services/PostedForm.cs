using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// The apply page's posted fields (<c>form.&lt;key&gt;</c>, all text) as the JSON form the API takes, so that the one
/// validator of <c>ApplicationService</c> judges both. Only the shape is translated here: a number field's text becomes a
/// JSON number when it is one (else it stays text, and the validator says it should be a number), a checkbox becomes
/// true or false, several ticked options a list; an empty field is left out, and the validator says if it was required.
/// </summary>
public static class PostedForm
{
    public const string FieldPrefix = "form.";

    public const string MaterialPrefix = "materials.";

    public static JsonObject Read(WorkflowDefinition definition, IFormCollection posted)
    {
        var form = new JsonObject();
        foreach (var field in definition.Form)
        {
            var values = posted[FieldPrefix + field.Key];
            JsonNode? node = field.Type switch
            {
                FieldType.Bool => JsonValue.Create(values.Contains("true")),
                FieldType.Choice when field.Multiple => values.Count == 0
                    ? null
                    : new JsonArray([.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode?)JsonValue.Create(v))]),
                FieldType.Number or FieldType.Money => Number(values.ToString().Trim()),
                _ => values.ToString() is { Length: > 0 } text ? JsonValue.Create(text) : null,
            };
            if (node is not null)
            {
                form[field.Key] = node;
            }
        }

        return form;
    }

    private static JsonNode? Number(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            // The number as written (1000000.50 keeps its two decimals), for the validator's rules on money.
            if (JsonNode.Parse(text) is { } parsed && parsed.GetValueKind() == JsonValueKind.Number)
            {
                return parsed;
            }
        }
        catch (JsonException)
        {
            // Not a number: passed on as text.
        }

        return JsonValue.Create(text);
    }
}
