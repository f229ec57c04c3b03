namespace WorkflowEngine.Runtime.Definitions;

/// <summary>The outcome of retiring a version or discarding a draft: the version as it was, or why not.</summary>
public sealed record VersionChange(DefinitionRecord? Version, string? Problem, bool IsNotFound)
{
    public bool Succeeded => Version is not null;

    public static VersionChange Done(DefinitionRecord version) => new(version, null, false);

    public static VersionChange NotFound(string problem) => new(null, problem, true);

    public static VersionChange Refused(string problem) => new(null, problem, false);
}
