namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// Which users an administrator's list shows: of a role, of a department, and whose user name or name contains
/// <see cref="Text"/> (case-insensitively for Latin letters); null means any.
/// </summary>
public sealed record UserFilter(string? Role = null, string? Department = null, string? Text = null);
