namespace WorkflowEngine.Runtime.Users;

/// <summary>A user the system knows: applicant, clerk of a department, or administrator.</summary>
public sealed record UserRecord(string Id, string Name, string Role, string? Department);
