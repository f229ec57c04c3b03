namespace WorkflowEngine.Hosting.Identity;

/// <summary>A user an administrator creates: the password may be left out, and one is made up and shown once.</summary>
public sealed record NewUser(string? UserName, string? DisplayName, string? Role, string? Department, string? Password);
