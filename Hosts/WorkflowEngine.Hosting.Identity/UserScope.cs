using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The roles and departments this host's administrators may give: every one where the engine runs; on a department host
/// only the people who work there (clerks, supervisors and administrators of the departments it serves), since an
/// applicant, and the window staff who submit for one, sign in at the engine and another department's clerk at that department's host.
/// </summary>
public sealed record UserScope(IReadOnlyList<string> Roles, IReadOnlyList<string>? Departments)
{
    /// <summary>The engine's hosts: any role, any department of the reference data.</summary>
    public static readonly UserScope Everyone = new(UserInput.AssignableRoles, null);

    /// <summary>A department host serving <paramref name="served"/>.</summary>
    public static UserScope DepartmentHost(IReadOnlyList<string> served) =>
        new(UserInput.AssignableRoles.Where(r => r is not (WorkflowEngine.Runtime.Users.Roles.Applicant or WorkflowEngine.Runtime.Users.Roles.Window)).ToArray(), served);

    public bool Offers(string department) => Departments is null || Departments.Contains(department, StringComparer.Ordinal);

    /// <summary>The departments to choose from, by code.</summary>
    public IEnumerable<DirectoryDepartment> Of(IDepartmentDirectory directory) =>
        directory.Departments.Values.Where(d => Offers(d.Code)).OrderBy(d => d.Code, StringComparer.Ordinal);
}
