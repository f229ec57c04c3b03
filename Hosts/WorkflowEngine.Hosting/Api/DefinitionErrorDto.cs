using WorkflowEngine.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One definition error as the API returns it: <see cref="Message"/> in Chinese, <see cref="MessageEn"/> the same in
/// English (null where the check that found it words none).
/// </summary>
public sealed record DefinitionErrorDto(string File, int Line, int Column, string Path, string Message, string? MessageEn = null)
{
    public static DefinitionErrorDto From(DefinitionError e) => new(e.File, e.Line, e.Column, e.Path, e.Message, e.MessageEn);
}
