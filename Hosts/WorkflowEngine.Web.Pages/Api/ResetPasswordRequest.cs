namespace WorkflowEngine.Hosting.Api;

/// <summary><c>POST /api/admin/users/{id}/password</c>: a new password, or none to have one made up and shown once.</summary>
public sealed record ResetPasswordRequest(string? Password);
