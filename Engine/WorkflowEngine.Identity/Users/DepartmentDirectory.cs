using System.Collections.Frozen;

namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// A directory that holds its departments itself: a department host's, seeded with the departments its own files name
/// and renamed as the engine has them.
/// </summary>
public sealed class DepartmentDirectory(IEnumerable<DirectoryDepartment> departments) : IDepartmentDirectory
{
    private readonly Lock _replacing = new();
    private volatile FrozenDictionary<string, DirectoryDepartment> _departments = departments.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, DirectoryDepartment> Departments => _departments;

    public void Rename(DirectoryDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        lock (_replacing)
        {
            var current = _departments;
            _departments = current.ContainsKey(department.Code)
                ? current.Select(e => e.Key == department.Code ? KeyValuePair.Create(e.Key, department) : e).ToFrozenDictionary(StringComparer.Ordinal)
                : throw new KeyNotFoundException($"未知部门“{department.Code}”。");
        }
    }
}
