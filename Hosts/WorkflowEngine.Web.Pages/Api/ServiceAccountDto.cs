namespace WorkflowEngine.Hosting.Api;

/// <summary>A service account at the engine: its name and the departments whose materials its token fetches.</summary>
public sealed record ServiceAccountDto(string Name, IReadOnlyList<string> Departments);
