namespace WorkflowEngine.Hosting.Identity;

/// <summary>A department's names and description as an administrator edits them; its code (and queue) stays.</summary>
public sealed record DepartmentEdit(string? NameZh, string? NameEn, string? Description);
