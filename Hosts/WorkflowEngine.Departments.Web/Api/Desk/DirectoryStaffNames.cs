using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// The supervisors' notices name people as the desk does: by the name the host's user directory keeps (<see cref="UserNames"/>,
/// the login id where it keeps none), and with the login id beside it where another of the department's clerks and
/// supervisors has the same name, as the reassignment list tells them apart.
/// </summary>
public sealed class DirectoryStaffNames(IDirectoryStore directory) : IStaffNames
{
    public async Task<IReadOnlyDictionary<string, StaffName>> NamesAsync(string department, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var names = await UserNames.ReadAsync(directory, ids, cancellationToken);
        var staff = StaffOf(await directory.ListUsersAsync(cancellationToken), department).ToArray();
        return ids.Distinct(StringComparer.Ordinal)
            .Where(id => names.Of(id) != id)
            .ToDictionary(id => id, id => new StaffName(id, names.Of(id), SharesName(staff, id, names.Of(id))), StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether another of <paramref name="staff"/> than <paramref name="id"/> bears <paramref name="name"/>: where the
    /// desk and the notices put the login id beside a name, to tell the two apart.
    /// </summary>
    public static bool SharesName(IEnumerable<UserRecord> staff, string id, string name) =>
        staff.Any(s => s.Id != id && string.Equals(s.Name.Trim(), name.Trim(), StringComparison.Ordinal));

    /// <summary>The clerks and supervisors of <paramref name="department"/> among <paramref name="users"/>: the people its tasks go to.</summary>
    public static IEnumerable<UserRecord> StaffOf(IEnumerable<UserRecord> users, string department) =>
        users.Where(u => u.Department == department && u.Role is Roles.Clerk or Roles.Supervisor);
}
