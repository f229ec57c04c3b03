using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions;

/// <summary>Reads <c>title: 企业开办</c> as well as <c>title: { zh: 企业开办, en: Business opening }</c>.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LocalizedText(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("应为文本，或含 zh、en 的对象");
        }

        string? zh = null, en = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : throw new JsonException($"{name} 应为文本");
            switch (name)
            {
                case "zh":
                    zh = value;
                    break;
                case "en":
                    en = value;
                    break;
                default:
                    throw new JsonException($"未知属性“{name}”（可用：zh, en）");
            }
        }

        return new LocalizedText(zh ?? throw new JsonException("缺少中文 zh"), en);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.En is null)
        {
            writer.WriteStringValue(value.Zh);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("zh", value.Zh);
        writer.WriteString("en", value.En);
        writer.WriteEndObject();
    }
}
