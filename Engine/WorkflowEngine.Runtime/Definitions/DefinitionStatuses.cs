namespace WorkflowEngine.Runtime.Definitions;

/// <summary>A definition version is a draft until published; a published version never changes again.</summary>
public static class DefinitionStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";
}
