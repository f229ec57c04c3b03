using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WorkflowEngine.Definitions.Yaml;

/// <summary>
/// Reads YAML (and JSON, which YAML reads too) into a <see cref="JsonNode"/> tree plus a map from paths to lines.
/// Plain scalars get YAML's core types (null, true/false, numbers); quoted scalars stay text. The cost is bounded by
/// <see cref="YamlLimits"/>; anything the reader refuses is a <see cref="YamlSyntaxException"/>.
/// </summary>
public static class YamlJsonReader
{
    public static (JsonNode? Root, SourceMap Map) Read(string text) => Read(text, YamlLimits.Default);

    public static (JsonNode? Root, SourceMap Map) Read(string text, YamlLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        CheckSize(text, limits.MaxDocumentBytes);
        var builder = new YamlTreeBuilder(limits);
        var parser = new Parser(new StringReader(text));
        var last = Mark.Empty;
        while (Next(parser, last) is { } current)
        {
            builder.Accept(current);
            last = current.End;
        }

        return (builder.Root, builder.Map);
    }

    private static ParsingEvent? Next(Parser parser, Mark last)
    {
        try
        {
            return parser.MoveNext() ? parser.Current : null;
        }
        catch (YamlException ex)
        {
            throw new YamlSyntaxException(Describe(ex), (int)ex.Start.Line, (int)ex.Start.Column, $"YAML syntax error: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The parser fails this way on some unfinished structures; the last event it produced is where it stopped.
            throw new YamlSyntaxException("YAML 语法错误：结构未正确结束（括号、引号或缩进）", (int)Math.Max(1, last.Line), (int)Math.Max(1, last.Column), "YAML syntax error: a structure does not end properly (brackets, quotes or indentation)");
        }
    }

    private static void CheckSize(string text, int maxBytes)
    {
        // A UTF-16 code unit never takes less than one UTF-8 byte, so the length alone settles most documents.
        if (text.Length <= maxBytes && (text.Length <= maxBytes / 3 || Encoding.UTF8.GetByteCount(text) <= maxBytes))
        {
            return;
        }

        var bytes = 0L;
        var (line, column) = (1, 1);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            bytes += c < 0x80 ? 1 : c < 0x800 || char.IsSurrogate(c) ? 2 : 3;
            if (bytes > maxBytes)
            {
                break;
            }

            (line, column) = c == '\n' ? (line + 1, 1) : (line, column + 1);
        }

        throw new YamlSyntaxException($"YAML 文档超过 {maxBytes} 字节（UTF-8）的上限", line, column, $"The YAML document is over the limit of {maxBytes} bytes (UTF-8)");
    }

    private static string Describe(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        return $"YAML 语法错误：{message}";
    }
}
