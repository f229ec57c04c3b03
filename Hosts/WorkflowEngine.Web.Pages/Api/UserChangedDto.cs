namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A user after an administrator's change; <c>password</c> only where the system made one up, shown this once and
/// stored only as a hash.
/// </summary>
public sealed record UserChangedDto(UserDto User, string? Password);
