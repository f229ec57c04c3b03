namespace WorkflowEngine.Runtime.Users;

/// <summary>A department as stored, with its clerks and supervisors counted, and who last edited its names (null: as the files say).</summary>
public sealed record DepartmentEntry(DirectoryDepartment Department, int Clerks, int Supervisors, string? EditedBy, DateTimeOffset? EditedAt);
