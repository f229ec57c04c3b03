namespace WorkflowEngine.Runtime.Definitions;

/// <summary>
/// A definition version is a draft until published; a published version never changes again, except that it may be
/// retired: new applications no longer start on it, while those already running on it finish on it.
/// </summary>
public static class DefinitionStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";
}
