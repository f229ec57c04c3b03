using System.Text.Json;
using System.Text.Json.Serialization;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions;

/// <summary>How definition files map onto settings records: camelCase keys, kebab-case enum values.</summary>
public static class DefinitionJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.Converters.Add(new LocalizedTextJsonConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>The camelCase name a property has in definition files.</summary>
    public static string NameOf(string propertyName) => JsonNamingPolicy.CamelCase.ConvertName(propertyName);
}
