namespace WorkflowEngine.Hosting.Api;

public sealed record DepartmentDto(string Code, string Name, string? NameEn, string Queue);
