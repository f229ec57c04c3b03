namespace WorkflowEngine.Definitions.Yaml;

/// <summary>The text is not valid YAML (or JSON); line and column point at the trouble.</summary>
public sealed class YamlSyntaxException(string message, int line, int column, string? messageEn = null) : Exception(message)
{
    /// <summary>The message in English, for the English pages; null where there is none.</summary>
    public string? MessageEn { get; } = messageEn;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
