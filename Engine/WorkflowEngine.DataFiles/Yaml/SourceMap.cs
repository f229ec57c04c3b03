namespace WorkflowEngine.Definitions.Yaml;

/// <summary>Where each path of a parsed document starts in its file, so errors can name the line.</summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _marks = new(StringComparer.Ordinal);

    public void Add(string path, int line, int column) => _marks.TryAdd(path, (line, column));

    /// <summary>The mark of the path, or of its nearest ancestor that has one (a missing key reports its parent).</summary>
    public (int Line, int Column) Resolve(string path)
    {
        var current = path;
        while (true)
        {
            if (_marks.TryGetValue(current, out var mark))
            {
                return mark;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return _marks.TryGetValue("", out var root) ? root : (1, 1);
            }

            current = current[..cut];
        }
    }

    public static string Child(string parent, string key) => parent.Length == 0 ? key : parent + "." + key;

    public static string Item(string parent, int index) => $"{parent}[{index}]";
}
