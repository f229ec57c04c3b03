using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The departments with their people and, where this host keeps their tasks, how many are open: an engine host keeps
/// none (no <see cref="IDepartmentTasks"/>), and says the figure is elsewhere.
/// </summary>
public static class DepartmentOverview
{
    /// <summary>The most open tasks counted per department; the page says "at least" beyond it.</summary>
    public const int OpenTaskLimit = 1000;

    public static async Task<IReadOnlyList<(DepartmentEntry Entry, int? OpenTasks)>> ListAsync(
        IDepartmentEntries departments, ServedDepartments served, IDepartmentTasks? tasks, CancellationToken cancellationToken)
    {
        var entries = await departments.ListAsync(cancellationToken);
        var rows = new List<(DepartmentEntry, int?)>(entries.Count);
        foreach (var entry in entries)
        {
            int? open = tasks is not null && served.Serves(entry.Department.Code)
                ? await tasks.CountOpenAsync(entry.Department.Code, OpenTaskLimit, cancellationToken)
                : null;
            rows.Add((entry, open));
        }

        return rows;
    }
}
