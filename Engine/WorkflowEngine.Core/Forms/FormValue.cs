using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Core.Forms;

/// <summary>What counts as an answered field, shared by validation, normalisation and conditions.</summary>
public static class FormValue
{
    /// <summary>Missing, null, a string of only white space, or an empty array: the applicant left the field empty.</summary>
    public static bool IsEmpty(JsonNode? value) =>
        value is null
        || (value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()))
        || value is JsonArray { Count: 0 };
}
