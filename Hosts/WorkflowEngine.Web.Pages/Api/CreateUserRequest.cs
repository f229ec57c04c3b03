namespace WorkflowEngine.Hosting.Api;

/// <summary><c>POST /api/admin/users</c>: a local user; leave <c>password</c> out to have one made up and shown once.</summary>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Role, string? Department, string? Password);
