using System.Text.Json.Nodes;
using CsCheck;
using WorkflowEngine.Definitions.Yaml;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// Whatever it is given, the reader answers with a tree within its limits or a <see cref="YamlSyntaxException"/>:
/// never another exception, never a tree larger than the limits, and without aliases never more nodes than characters.
/// </summary>
public sealed class YamlJsonReaderProperties
{
    private static readonly YamlLimits Small = new() { MaxDocumentBytes = 4096, MaxDepth = 8, MaxNodes = 300 };

    private static readonly Gen<string> Noise =
        Gen.Char["ab1 :-,[]{}&*!|>'\"#?\n\t.~%@`\\<=字\u0085\ufeff"].Array[0, 300].Select(c => new string(c));

    private static readonly Gen<string> Scalar = Gen.OneOf(
        Gen.Const("x"), Gen.Const("'quoted'"), Gen.Const("12"), Gen.Const("1.5"), Gen.Const("true"), Gen.Const("~"), Gen.Const("<<"));

    /// <summary>Flow values that nest, alias earlier (or later, or their own) anchors, and repeat keys now and then.</summary>
    private static readonly Gen<string> Value = Gen.Recursive<string>((depth, value) => depth >= 12
        ? Scalar
        : Gen.Frequency(
            (4, Scalar),
            (2, Gen.Int[0, 6].Select(n => "*a" + n)),
            (2, value.Array[0, 5].Select(items => "[" + string.Join(", ", items) + "]")),
            (2, Gen.Select(Gen.Char["kkxy"].Array[0, 5], value, (keys, v) => "{" + string.Join(", ", keys.Select(k => k + ": " + v)) + "}"))));

    private static readonly Gen<string> Document = Value.Array[1, 7]
        .Select(lines => string.Concat(lines.Select((line, i) => $"a{i}: &a{i} {line}\n")));

    [Fact]
    public void Read_AnyText_ReturnsOrThrowsOnlyYamlSyntaxException() =>
        Noise.Sample(text =>
        {
            ReadWithin(text, Small);
            ReadWithin(text, YamlLimits.Default);
        }, iter: 3000);

    [Fact]
    public void Read_NestedDocumentsWithAliases_StayWithinTheLimits() =>
        Document.Sample(text => ReadWithin(text, Small), iter: 3000);

    [Fact]
    public void Read_DocumentWithoutAliases_HasNoMoreNodesThanCharacters() =>
        Document.Select(d => d.Replace("*a", "z", StringComparison.Ordinal)).Sample(text =>
        {
            if (ReadWithin(text, YamlLimits.Default) is { } size)
            {
                Assert.True(size.Nodes <= text.Length, $"{size.Nodes} nodes from {text.Length} characters");
            }
        }, iter: 1000);

    [Theory]
    [InlineData(1_000)]
    [InlineData(50_000)]
    public void Read_LongFlatList_HasOneNodePerItem(int items)
    {
        var (root, map) = YamlJsonReader.Read(string.Concat(Enumerable.Repeat("- x\n", items)));

        Assert.Equal(items, root!.AsArray().Count);
        Assert.Equal((items, 3), map.Resolve($"[{items - 1}]"));
    }

    [Fact]
    public void Read_ManyAliasesOfASmallAnchor_CostTheirCopies()
    {
        // Five nodes an alias (the mapping, its key, the list and two numbers): 75,000 in all.
        var text = "a: &a { b: [1, 2] }\nlist:\n" + string.Concat(Enumerable.Repeat("  - *a\n", 15_000));

        var (root, _) = YamlJsonReader.Read(text);

        Assert.Equal(15_000, root!["list"]!.AsArray().Count);
        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.Read(text, new YamlLimits { MaxNodes = 50_000 }));
        Assert.Contains("50000", ex.Message);
    }

    [Fact]
    public void Read_LongKeysAboveManyNodes_Succeeds()
    {
        // Paths under a long key are too long to be worth a mark; errors there report the nearest marked ancestor.
        var key = new string('k', 300_000);
        var (root, map) = YamlJsonReader.Read("? " + key + "\n:\n" + string.Concat(Enumerable.Repeat("  - x\n", 50_000)));

        Assert.Equal(50_000, root![key]!.AsArray().Count);
        Assert.Equal((1, 1), map.Resolve(key + "[49999]"));
    }

    [Fact]
    public void Read_MergeKey_IsRefused()
    {
        var ex = Assert.Throws<YamlSyntaxException>(() => YamlJsonReader.Read("base: &b { x: 1 }\nitem:\n  <<: *b\n"));

        Assert.Equal((3, 3), (ex.Line, ex.Column));
        Assert.Contains("<<", ex.Message);
    }

    private static (int Nodes, int Depth)? ReadWithin(string text, YamlLimits limits)
    {
        JsonNode? root;
        try
        {
            (root, _) = YamlJsonReader.Read(text, limits);
        }
        catch (YamlSyntaxException ex)
        {
            Assert.True(ex.Line >= 1 && ex.Column >= 1, $"{ex.Line}:{ex.Column} {ex.Message}");
            return null;
        }

        var size = Measure(root);
        Assert.InRange(size.Nodes, 0, limits.MaxNodes);
        Assert.InRange(size.Depth, 0, limits.MaxDepth);
        return size;
    }

    /// <summary>Counts as the reader does: every scalar, mapping and sequence, and every key.</summary>
    private static (int Nodes, int Depth) Measure(JsonNode? root)
    {
        var (nodes, depth) = (0, 0);
        var pending = new Stack<(JsonNode? Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.TryPop(out var item))
        {
            nodes++;
            switch (item.Node)
            {
                case JsonObject obj:
                    depth = Math.Max(depth, item.Depth + 1);
                    foreach (var (_, value) in obj)
                    {
                        nodes++;
                        pending.Push((value, item.Depth + 1));
                    }

                    break;
                case JsonArray array:
                    depth = Math.Max(depth, item.Depth + 1);
                    foreach (var value in array)
                    {
                        pending.Push((value, item.Depth + 1));
                    }

                    break;
            }
        }

        return (root is null ? 0 : nodes, depth);
    }
}
