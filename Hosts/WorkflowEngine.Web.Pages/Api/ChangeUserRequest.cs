namespace WorkflowEngine.Hosting.Api;

/// <summary><c>PATCH /api/admin/users/{id}</c>: the role, and the department of a clerk or supervisor.</summary>
public sealed record ChangeUserRequest(string? Role, string? Department);
