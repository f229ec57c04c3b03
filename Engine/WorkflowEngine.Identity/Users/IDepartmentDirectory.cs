namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// The departments a host knows, by code, with the names and description its pages and messages show. Both sides of
/// the bus have one: where the engine runs, over the engine's departments (<c>Definitions/departments.yaml</c> and the
/// names its administrators edited); on a department host, the names the engine serves, followed while it runs. A
/// department may be renamed at run time; none is added or removed (each has its queue, fixed when the bus starts).
/// </summary>
public interface IDepartmentDirectory
{
    /// <summary>The departments as they stand now: one read sees one consistent set.</summary>
    IReadOnlyDictionary<string, DirectoryDepartment> Departments { get; }

    /// <summary>Puts a department's new names and description in place; its code stays. An unknown code throws.</summary>
    void Rename(DirectoryDepartment department);
}
