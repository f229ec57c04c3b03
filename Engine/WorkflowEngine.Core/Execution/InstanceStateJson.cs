using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Execution;

/// <summary>The stored form of <see cref="InstanceState"/>: compact JSON, source-generated for speed.</summary>
public static class InstanceStateJson
{
    private static readonly StateJsonContext Context = new(new JsonSerializerOptions(StateJsonContext.Default.Options) { Encoder = StoredJson.Encoder });

    public static string Serialize(InstanceState state) => JsonSerializer.Serialize(state, Context.InstanceState);

    /// <summary>The stored form as UTF-8, the database's encoding: no detour through a .NET string.</summary>
    public static byte[] SerializeToUtf8(InstanceState state) => JsonSerializer.SerializeToUtf8Bytes(state, Context.InstanceState);

    public static InstanceState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Context.InstanceState) ?? new InstanceState();
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(InstanceState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
