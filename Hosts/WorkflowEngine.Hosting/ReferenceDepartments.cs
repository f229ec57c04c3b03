using System.Collections.Frozen;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The department directory where the engine runs (the engine host, the all-in-one host): the engine's reference data,
/// which owns <c>departments.yaml</c> and the names its administrators edited, so a rename through either is one rename.
/// </summary>
public sealed class ReferenceDepartments(ReferenceData reference) : IDepartmentDirectory
{
    /// <summary>The last set read and its directory form: the reference data replaces its set whole on a rename.</summary>
    private volatile Snapshot? _last;

    private sealed record Snapshot(IReadOnlyDictionary<string, Department> Source, FrozenDictionary<string, DirectoryDepartment> Departments);

    public IReadOnlyDictionary<string, DirectoryDepartment> Departments
    {
        get
        {
            var source = reference.Departments;
            if (_last is { } last && ReferenceEquals(last.Source, source))
            {
                return last.Departments;
            }

            var taken = new Snapshot(source, source.Values.Select(d => d.ToDirectory()).ToFrozenDictionary(d => d.Code, StringComparer.Ordinal));
            _last = taken;
            return taken.Departments;
        }
    }

    public void Rename(DirectoryDepartment department)
    {
        ArgumentNullException.ThrowIfNull(department);
        reference.Rename(new Department(department.Code, new LocalizedText(department.NameZh, department.NameEn), department.Description));
    }
}
