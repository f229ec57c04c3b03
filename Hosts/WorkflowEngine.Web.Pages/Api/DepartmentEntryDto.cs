using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A department as administrators read it: its names, its enabled clerks and supervisors, its open tasks where this
/// host keeps them (null elsewhere), and who last edited its names.
/// </summary>
public sealed record DepartmentEntryDto(
    string Code, string NameZh, string? NameEn, string? Description, int Clerks, int Supervisors, int? OpenTasks, string? EditedBy, DateTimeOffset? EditedAt)
{
    public static DepartmentEntryDto From(DepartmentEntry e, int? openTasks) => new(
        e.Department.Code, e.Department.NameZh, e.Department.NameEn, e.Department.Description, e.Clerks, e.Supervisors, openTasks, e.EditedBy, e.EditedAt);
}
