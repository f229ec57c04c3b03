namespace WorkflowEngine.Hosting.Api;

/// <summary>A task with the whole application for the clerk's one page, every request for more time on it with its answer, and its history.</summary>
public sealed record TaskDetailDto(TaskDto Task, System.Text.Json.Nodes.JsonNode? Application, IReadOnlyList<ExtensionDto> Extensions, IReadOnlyList<TaskHistoryEntryDto> History);
