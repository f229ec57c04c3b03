namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// What the pages and views every host shares read of the departments' tasks this process keeps: registered where the
/// department side runs (a department host, the all-in-one host), absent on an engine host, which keeps no task and
/// carries nothing of the department side; a reader without it says the figure is not kept here.
/// </summary>
public interface IDepartmentTasks
{
    /// <summary>How many of <paramref name="department"/>'s tasks are open, counted up to <paramref name="limit"/>.</summary>
    Task<int> CountOpenAsync(string department, int limit, CancellationToken cancellationToken);

    /// <summary>The steps of an application whose task in <paramref name="department"/> the clerk holds (claimed) or decided.</summary>
    Task<IReadOnlyList<string>> HeldByAsync(Guid applicationId, string department, string clerk, CancellationToken cancellationToken);
}
