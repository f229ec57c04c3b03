using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace WorkflowEngine.Definitions.Yaml;

/// <summary>
/// Reads YAML (and JSON, which YAML reads too) into a <see cref="JsonNode"/> tree plus a map from paths to lines.
/// Plain scalars get YAML's core types (null, true/false, numbers); quoted scalars stay text.
/// </summary>
public static class YamlJsonReader
{
    public static (JsonNode? Root, SourceMap Map) Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new YamlSyntaxException(Describe(ex), (int)ex.Start.Line, (int)ex.Start.Column);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            var (line, column) = LastGoodMark(text);
            throw new YamlSyntaxException("YAML 语法错误：结构未正确结束（括号、引号或缩进）", line, column);
        }

        var map = new SourceMap();
        if (stream.Documents.Count == 0)
        {
            return (null, map);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new YamlSyntaxException("一个文件只能有一个 YAML 文档（发现了“---”分隔的第二个文档）", (int)second.Line, (int)second.Column);
        }

        var root = stream.Documents[0].RootNode;
        return (Convert(root, "", map), map);
    }

    private static JsonNode? Convert(YamlNode node, string path, SourceMap map)
    {
        map.Add(path, (int)node.Start.Line, (int)node.Start.Column);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : keyNode.ToString();
                    var childPath = SourceMap.Child(path, key);
                    map.Add(childPath, (int)keyNode.Start.Line, (int)keyNode.Start.Column);
                    obj[key] = Convert(valueNode, childPath, map);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var index = 0;
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, SourceMap.Item(path, index++), map));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        // Only canonical numbers become numbers: "010" or "+5" stay text, as their author most likely meant a code.
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && integer.ToString(CultureInfo.InvariantCulture) == value)
        {
            return JsonValue.Create(integer);
        }

        if (value.Contains('.', StringComparison.Ordinal) && !value.StartsWith('+') && !value.StartsWith("00", StringComparison.Ordinal)
            && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(value);
    }

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        if (message.StartsWith("Duplicate key", StringComparison.Ordinal))
        {
            return $"YAML 中有重复的键：{message["Duplicate key".Length..].Trim()}";
        }

        return $"YAML 语法错误：{message}";
    }

    private static (int Line, int Column) LastGoodMark(string text)
    {
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                if (parser.Current is ParsingEvent current)
                {
                    last = current.End;
                }
            }
        }
        catch (Exception)
        {
            // The mark reached before the failure is what we report.
        }

        return ((int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column));
    }
}
