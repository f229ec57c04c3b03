namespace WorkflowEngine.Hosting.Api;

/// <summary>One user with what administrators changed about them, newest first.</summary>
public sealed record UserDetailDto(UserDto User, IReadOnlyList<AdminAuditEntryDto> Audit);
