using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions;

/// <summary>Binds parts of a parsed document to typed records, collecting every error with its location instead of stopping at the first.</summary>
public sealed class DocumentReader(string file, SourceMap map)
{
    private readonly List<DefinitionError> _errors = [];

    public string File { get; } = file;

    public SourceMap Map { get; } = map;

    public IReadOnlyList<DefinitionError> Errors => _errors;

    public void Error(string path, string message, string? messageEn = null)
    {
        var (line, column) = Map.Resolve(path);
        _errors.Add(new DefinitionError(File, line, column, path, message) { MessageEn = messageEn });
    }

    public T? Bind<T>(JsonNode? node, string path)
        where T : class => (T?)Bind(node, typeof(T), path);

    /// <summary>Deserializes a node; unknown keys and values of the wrong type are reported, and null is returned on a type error.</summary>
    public object? Bind(JsonNode? node, Type type, string path)
    {
        if (node is null)
        {
            return null;
        }

        CheckKeys(node, type, path);
        try
        {
            return node.Deserialize(type, DefinitionJson.Options);
        }
        catch (JsonException ex)
        {
            var suffix = (ex.Path ?? "$").TrimStart('$');
            var at = path + suffix;
            var (zh, en) = Describe(ex, type, suffix);
            Error(at, zh, en);
            return null;
        }
        catch (InvalidOperationException ex)
        {
            Error(path, $"值的形式不正确：{ex.Message}", $"The value has the wrong form: {ex.Message}");
            return null;
        }
    }

    public string? String(JsonObject obj, string key, string path)
    {
        if (!obj.TryGetPropertyValue(key, out var node) || node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            return text;
        }

        Error(SourceMap.Child(path, key), "应为文本", "Text is expected here");
        return null;
    }

    private void CheckKeys(JsonNode node, Type type, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(LocalizedText) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(string) || type.IsPrimitive)
        {
            return;
        }

        if (node is JsonArray array && ElementType(type) is { } element)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is { } item)
                {
                    CheckKeys(item, element, SourceMap.Item(path, i));
                }
            }

            return;
        }

        if (node is not JsonObject obj || !type.IsClass)
        {
            return;
        }

        var properties = Properties(type);
        foreach (var (key, value) in obj)
        {
            if (!properties.TryGetValue(key, out var property))
            {
                Error(SourceMap.Child(path, key), $"未知属性“{key}”（可用：{string.Join(", ", properties.Keys)}）", $"Unknown key \"{MessageText.Quote(key)}\" (known: {string.Join(", ", properties.Keys)})");
                continue;
            }

            if (value is not null)
            {
                CheckKeys(value, property.PropertyType, SourceMap.Child(path, key));
            }
        }
    }

    private static Dictionary<string, PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .ToDictionary(p => DefinitionJson.NameOf(p.Name), StringComparer.Ordinal);

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            return type.GetGenericArguments()[^1];
        }

        return null;
    }

    private static (string Zh, string En) Describe(JsonException ex, Type root, string suffix)
    {
        var target = Resolve(root, suffix);
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        // Our converters speak Chinese already; System.Text.Json's own messages are replaced by what was expected.
        if (!message.StartsWith("The JSON", StringComparison.Ordinal) && !message.Contains("could not", StringComparison.Ordinal))
        {
            return (message, "The value has the wrong form");
        }

        return target is null
            ? ("值的类型不正确", "The value has the wrong type")
            : ($"值的类型不正确，应为{Expected(target).Zh}", $"The value has the wrong type: {Expected(target).En} is expected");
    }

    private static Type? Resolve(Type root, string suffix)
    {
        var type = root;
        foreach (var raw in suffix.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw;
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var indexed = bracket >= 0;
            if (indexed)
            {
                segment = segment[..bracket];
            }

            if (segment.Length > 0)
            {
                var properties = Properties(Nullable.GetUnderlyingType(type) ?? type);
                if (!properties.TryGetValue(segment, out var property))
                {
                    return null;
                }

                type = property.PropertyType;
            }

            if (indexed)
            {
                type = ElementType(type) ?? type;
            }
        }

        return type;
    }

    private static (string Zh, string En) Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(LocalizedText))
        {
            return ("文本", "text");
        }

        if (type == typeof(bool))
        {
            return (" true 或 false", "true or false");
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double))
        {
            return ("数字", "a number");
        }

        if (type.IsEnum)
        {
            var names = string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName));
            return ("以下之一：" + names, "one of " + names);
        }

        if (ElementType(type) is not null)
        {
            return ("列表", "a list");
        }

        return ("对象（键: 值）", "an object (key: value)");
    }
}
