using Microsoft.AspNetCore.Http;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Looks at a definition's YAML before the loader builds it. The loader builds its tree recursively and expands every
/// alias where it is used: a 200 KB flow sequence nested 100,000 deep overflowed the stack and took the whole host
/// down, and eight levels of aliases (a few hundred bytes) expanded to 10⁸ nodes. YamlDotNet's parser is iterative,
/// so one pass over its events measures both, cheaply, and refuses what no definition needs.
/// </summary>
public static class DefinitionSources
{
    /// <summary>The shipped definitions nest 9 deep.</summary>
    public const int MaxDepth = 64;

    /// <summary>Nodes after aliases are expanded; the shipped definitions have about 500.</summary>
    public const long MaxNodes = 100_000;

    public static IResult? Check(string source)
    {
        var parser = new Parser(new StringReader(source));
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Stack<(string? Anchor, long FirstNode)>();
        long nodes = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case AnchorAlias alias:
                        nodes += sizes.GetValueOrDefault(alias.Value.Value, 1);
                        break;
                    case NodeEvent start when start is MappingStart or SequenceStart:
                        open.Push((start.Anchor.IsEmpty ? null : start.Anchor.Value, nodes));
                        nodes++;
                        if (open.Count > MaxDepth)
                        {
                            return Problems.Field("body", $"定义嵌套超过 {MaxDepth} 层（第 {start.Start.Line} 行）");
                        }

                        break;
                    case MappingEnd or SequenceEnd when open.Count > 0:
                        var (anchor, first) = open.Pop();
                        if (anchor is not null)
                        {
                            sizes[anchor] = nodes - first;
                        }

                        break;
                    case Scalar scalar:
                        nodes++;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            sizes[scalar.Anchor.Value] = 1;
                        }

                        break;
                }

                if (nodes > MaxNodes)
                {
                    return Problems.Field("body", $"定义展开后超过 {MaxNodes} 个节点（别名 * 引用过多或嵌套过深）");
                }
            }
        }
        catch (YamlException)
        {
            // A syntax error: the loader reports it with its line and column.
        }

        return null;
    }
}
