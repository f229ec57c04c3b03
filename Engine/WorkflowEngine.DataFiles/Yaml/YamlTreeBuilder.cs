using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace WorkflowEngine.Definitions.Yaml;

/// <summary>
/// Builds the <see cref="JsonNode"/> tree from the parser's events without recursion, so the cost of a document is
/// bounded by <see cref="YamlLimits"/> whatever its shape. Aliases are expanded by copying the anchored node, which
/// must be complete: an alias inside its own anchor would be a cycle.
/// </summary>
internal sealed class YamlTreeBuilder(YamlLimits limits)
{
    /// <summary>
    /// Paths longer than this get no mark of their own (an error there reports the nearest ancestor that has one), so a
    /// long key above many nodes cannot make the map quadratic in the document.
    /// </summary>
    private const int MaxMarkedPathLength = 256;

    private readonly List<Frame> _frames = [];
    private readonly Dictionary<string, Anchor> _anchors = new(StringComparer.Ordinal);
    private readonly List<(string Path, int Line, int Column)> _anchoredMarks = [];
    private int _openAnchors;
    private int _nodes;
    private int _documents;
    private bool _hasRoot;
    private JsonNode? _root;

    public SourceMap Map { get; } = new();

    public JsonNode? Root => _hasRoot ? _root : null;

    public void Accept(ParsingEvent e)
    {
        switch (e)
        {
            case DocumentStart:
                _documents++;
                break;
            case MappingStart or SequenceStart or Scalar or AnchorAlias when _documents > 1:
                throw Error("一个文件只能有一个 YAML 文档（发现了“---”分隔的第二个文档）", e.Start, "A file has one YAML document (a second one follows \"---\")");
            case MappingStart or SequenceStart when AtKey:
                throw Error("YAML 的键应为文本，不能是列表或对象", e.Start, "A YAML key is text, not a list or an object");
            case MappingStart mapping:
                Open(new JsonObject(), mapping.Anchor, e.Start);
                break;
            case SequenceStart sequence:
                Open(new JsonArray(), sequence.Anchor, e.Start);
                break;
            case MappingEnd or SequenceEnd:
                Close();
                break;
            case Scalar scalar when AtKey:
                Key(scalar.Value, scalar.Style, scalar.Anchor, e.Start);
                break;
            case Scalar scalar:
                Value(scalar, e.Start);
                break;
            case AnchorAlias alias:
                Alias(alias.Value.Value, e.Start);
                break;
        }
    }

    private bool AtKey => _frames.Count > 0 && _frames[^1] is { Container: JsonObject, HasKey: false };

    private void Open(JsonNode container, AnchorName anchor, Mark start)
    {
        if (_frames.Count + 1 > limits.MaxDepth)
        {
            throw Error($"YAML 嵌套超过 {limits.MaxDepth} 层的上限", start, $"The YAML nests deeper than the limit of {limits.MaxDepth} levels");
        }

        Count(start);
        var path = ValuePath();
        AddMark(path, start);
        var frame = new Frame(container, path);
        if (!anchor.IsEmpty)
        {
            frame.Anchor = new Anchor(path, Position(start)) { FirstMark = _anchoredMarks.Count, NodesBefore = _nodes - 1 };
            _anchors[anchor.Value] = frame.Anchor;
            _openAnchors++;
        }

        _frames.Add(frame);
    }

    private void Close()
    {
        var frame = _frames[^1];
        _frames.RemoveAt(_frames.Count - 1);
        var height = frame.ChildHeight + 1;
        if (frame.Anchor is { } anchor)
        {
            anchor.Complete(frame.Container, height, _nodes - anchor.NodesBefore, _anchoredMarks.Count);
            _openAnchors--;
        }

        Place(frame.Container, height);
    }

    private void Value(Scalar scalar, Mark start)
    {
        Count(start);
        var path = ValuePath();
        AddMark(path, start);
        var value = Typed(scalar.Value, scalar.Style);
        if (!scalar.Anchor.IsEmpty)
        {
            var anchor = new Anchor(path, Position(start)) { Text = scalar.Value, FirstMark = _anchoredMarks.Count };
            anchor.Complete(value, 0, 1, _anchoredMarks.Count);
            _anchors[scalar.Anchor.Value] = anchor;
        }

        Place(value, 0);
    }

    private void Key(string key, ScalarStyle style, AnchorName anchorName, Mark start)
    {
        Count(start);
        if (style == ScalarStyle.Plain && key == "<<")
        {
            throw Error("YAML 合并键“<<”不受支持：请把键逐一写出", start, "The YAML merge key \"<<\" is not supported: write the keys out one by one");
        }

        var frame = _frames[^1];
        if (((JsonObject)frame.Container).ContainsKey(key))
        {
            throw Error($"YAML 中有重复的键：{MessageText.Quote(key)}", start, $"The YAML has a key twice: {MessageText.Quote(key)}");
        }

        frame.Key = key;
        frame.HasKey = true;
        AddMark(ValuePath(), start);
        if (!anchorName.IsEmpty)
        {
            var anchor = new Anchor(null, Position(start)) { Text = key, FirstMark = _anchoredMarks.Count };
            anchor.Complete(Typed(key, style), 0, 1, _anchoredMarks.Count);
            _anchors[anchorName.Value] = anchor;
        }
    }

    private void Alias(string name, Mark start)
    {
        if (!_anchors.TryGetValue(name, out var anchor))
        {
            throw Error($"YAML 别名“*{MessageText.Quote(name)}”没有对应的锚点（锚点“&{MessageText.Quote(name)}”须写在别名之前）", start, $"The YAML alias \"*{MessageText.Quote(name)}\" has no anchor (the anchor \"&{MessageText.Quote(name)}\" comes before the alias)");
        }

        if (anchor.IsOpen)
        {
            throw Error($"YAML 别名“*{MessageText.Quote(name)}”出现在它引用的锚点“&{MessageText.Quote(name)}”之内（循环引用）", start, $"The YAML alias \"*{MessageText.Quote(name)}\" is inside the anchor \"&{MessageText.Quote(name)}\" it refers to (a cycle)");
        }

        if (AtKey)
        {
            if (anchor.Text is null)
            {
                throw Error("YAML 的键应为文本，不能是列表或对象", start, "A YAML key is text, not a list or an object");
            }

            Key(anchor.Text, ScalarStyle.DoubleQuoted, AnchorName.Empty, start);
            return;
        }

        if (_frames.Count + anchor.Height > limits.MaxDepth)
        {
            throw Error($"YAML 嵌套超过 {limits.MaxDepth} 层的上限（展开别名“*{MessageText.Quote(name)}”之后）", start, $"The YAML nests deeper than the limit of {limits.MaxDepth} levels (once the alias \"*{MessageText.Quote(name)}\" is expanded)");
        }

        if (_nodes > limits.MaxNodes - anchor.Nodes)
        {
            throw NodeLimit(start);
        }

        _nodes += anchor.Nodes;
        var path = ValuePath();
        AddMark(path, anchor.Start);
        if (path is not null && anchor.Path is not null)
        {
            for (var i = anchor.FirstMark; i < anchor.LastMark; i++)
            {
                var (markPath, line, column) = _anchoredMarks[i];
                AddMark(path + markPath[anchor.Path.Length..], (line, column));
            }
        }

        Place(anchor.Value?.DeepClone(), anchor.Height);
    }

    private void Place(JsonNode? value, int height)
    {
        if (_frames.Count == 0)
        {
            _root = value;
            _hasRoot = true;
            return;
        }

        var parent = _frames[^1];
        parent.ChildHeight = Math.Max(parent.ChildHeight, height);
        if (parent.Container is JsonArray array)
        {
            array.Add(value);
            parent.Index++;
        }
        else
        {
            ((JsonObject)parent.Container)[parent.Key!] = value;
            parent.HasKey = false;
        }
    }

    /// <summary>The path of the value about to be placed, or null when it is too long to be worth a mark.</summary>
    private string? ValuePath()
    {
        if (_frames.Count == 0)
        {
            return "";
        }

        var parent = _frames[^1];
        if (parent.Path is null)
        {
            return null;
        }

        var path = parent.Container is JsonArray ? SourceMap.Item(parent.Path, parent.Index) : SourceMap.Child(parent.Path, parent.Key!);
        return path.Length <= MaxMarkedPathLength ? path : null;
    }

    private void AddMark(string? path, Mark start) => AddMark(path, Position(start));

    private void AddMark(string? path, (int Line, int Column) position)
    {
        if (path is null || path.Length > MaxMarkedPathLength)
        {
            return;
        }

        Map.Add(path, position.Line, position.Column);
        if (_openAnchors > 0)
        {
            _anchoredMarks.Add((path, position.Line, position.Column));
        }
    }

    private void Count(Mark start)
    {
        if (++_nodes > limits.MaxNodes)
        {
            throw NodeLimit(start);
        }
    }

    private YamlSyntaxException NodeLimit(Mark start) => Error($"YAML 节点数（含别名展开的副本）超过 {limits.MaxNodes} 个的上限", start, $"The YAML has more than the limit of {limits.MaxNodes} nodes (counting the copies aliases expand to)");

    private static YamlSyntaxException Error(string message, Mark start, string messageEn) => new(message, (int)start.Line, (int)start.Column, messageEn);

    private static (int Line, int Column) Position(Mark mark) => ((int)mark.Line, (int)mark.Column);

    /// <summary>YAML's core schema for plain scalars (null, booleans, numbers); quoted scalars stay text.</summary>
    private static JsonValue? Typed(string value, ScalarStyle style)
    {
        if (style != ScalarStyle.Plain)
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

    /// <summary>A mapping or sequence still open, and where its next value goes.</summary>
    private sealed class Frame(JsonNode container, string? path)
    {
        public JsonNode Container { get; } = container;

        public string? Path { get; } = path;

        public string? Key { get; set; }

        public bool HasKey { get; set; }

        public int Index { get; set; }

        public int ChildHeight { get; set; }

        public Anchor? Anchor { get; set; }
    }

    /// <summary>
    /// An anchored node: open until its end event, then its value, size and height, and the range of
    /// <see cref="_anchoredMarks"/> holding its descendants' marks, replayed under each alias's path.
    /// </summary>
    private sealed class Anchor(string? path, (int Line, int Column) start)
    {
        public string? Path { get; } = path;

        public (int Line, int Column) Start { get; } = start;

        public bool IsOpen { get; private set; } = true;

        /// <summary>The scalar's text, so that an alias can serve as a key; null for a mapping or sequence.</summary>
        public string? Text { get; init; }

        public JsonNode? Value { get; private set; }

        public int Height { get; private set; }

        public int Nodes { get; private set; }

        public int NodesBefore { get; init; }

        public int FirstMark { get; init; }

        public int LastMark { get; private set; }

        public void Complete(JsonNode? value, int height, int nodes, int lastMark)
        {
            Value = value;
            Height = height;
            Nodes = nodes;
            LastMark = lastMark;
            IsOpen = false;
        }
    }
}
