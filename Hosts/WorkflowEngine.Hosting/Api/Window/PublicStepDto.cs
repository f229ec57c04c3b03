namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>One step as <see cref="PublicProgressDto"/> shows it.</summary>
public sealed record PublicStepDto(string Title, string? DepartmentName, string Status, DateTimeOffset? DueAt, string? Warning, DateTimeOffset? CompletedAt);
