namespace WorkflowEngine.Definitions.Yaml;

/// <summary>The text is not valid YAML (or JSON); line and column point at the trouble.</summary>
public sealed class YamlSyntaxException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
