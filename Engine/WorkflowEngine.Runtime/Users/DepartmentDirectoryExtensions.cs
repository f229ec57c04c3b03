using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Runtime.Users;

/// <summary>A department of the reference data as the users' directory stores it (which knows no definition model).</summary>
public static class DepartmentDirectoryExtensions
{
    public static DirectoryDepartment ToDirectory(this Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new DirectoryDepartment(department.Code, department.Name.Zh, department.Name.En, department.Description);
    }
}
