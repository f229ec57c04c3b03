namespace WorkflowEngine.Definitions.Calendars;

/// <summary>A calendar's files are broken; every error is listed with its file and line.</summary>
public sealed class CalendarLoadException(IReadOnlyList<DefinitionError> errors)
    : Exception("工作日历文件有错误：" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
