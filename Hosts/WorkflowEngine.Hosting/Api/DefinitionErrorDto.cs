using WorkflowEngine.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>One definition error as the API returns it.</summary>
public sealed record DefinitionErrorDto(string File, int Line, int Column, string Path, string Message)
{
    public static DefinitionErrorDto From(DefinitionError e) => new(e.File, e.Line, e.Column, e.Path, e.Message);
}
