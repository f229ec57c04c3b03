namespace WorkflowEngine.Hosting.Api;

/// <summary>A script's sign-in: the user name and password, as on the sign-in page.</summary>
public sealed record TokenRequest(string? UserName, string? Password);
