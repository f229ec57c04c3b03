namespace WorkflowEngine.Runtime.Users;

/// <summary>Renames taken up from elsewhere (another process, the engine host).</summary>
public static class DepartmentDirectoryRenames
{
    /// <summary>
    /// Renames each department of <paramref name="departments"/> that the directory knows and shows otherwise; returns
    /// how many. Unknown codes are left out: a department is never added at run time.
    /// </summary>
    public static int RenameChanged(this IDepartmentDirectory directory, IEnumerable<DirectoryDepartment> departments)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(departments);
        var renamed = 0;
        foreach (var department in departments)
        {
            if (directory.Departments.TryGetValue(department.Code, out var shown) && shown != department)
            {
                directory.Rename(department);
                renamed++;
            }
        }

        return renamed;
    }
}
