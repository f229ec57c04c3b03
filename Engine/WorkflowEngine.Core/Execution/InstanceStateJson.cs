using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Execution;

/// <summary>The stored form of <see cref="InstanceState"/>: compact JSON, source-generated for speed.</summary>
public static class InstanceStateJson
{
    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, StateJsonContext.Default.InstanceState);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, StateJsonContext.Default.InstanceState) ?? new InstanceState();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(InstanceState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
