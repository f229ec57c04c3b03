using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>A department of the reference data as the users' directory stores it (which knows no definition model); both hosts turn the files' departments into them here.</summary>
public static class DepartmentDirectoryExtensions
{
    public static DirectoryDepartment ToDirectory(this Department department)
    {
        ArgumentNullException.ThrowIfNull(department);
        return new DirectoryDepartment(department.Code, department.Name.Zh, department.Name.En, department.Description);
    }
}
