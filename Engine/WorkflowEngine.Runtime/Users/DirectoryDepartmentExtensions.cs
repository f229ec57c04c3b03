using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Users;

/// <summary>A department of the users' directory (as an administrator edited it) as the engine's reference data shows it.</summary>
public static class DirectoryDepartmentExtensions
{
    public static Department ToDepartment(this DirectoryDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new Department(department.Code, new LocalizedText(department.NameZh, department.NameEn), department.Description);
    }
}
