using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Core.Forms;

/// <summary>Reads a JSON number as decimal whether the node was parsed from text or built from a CLR value.</summary>
public static class JsonNumbers
{
    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        return node is JsonValue && node.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
