namespace WorkflowEngine.Runtime.Departments;

/// <summary>What the clerk workbench reads.</summary>
public interface ITaskQueries
{
    /// <summary>A department's tasks, soonest due first.</summary>
    Task<IReadOnlyList<TaskRecord>> ListAsync(string department, string filter, int limit, int offset, CancellationToken cancellationToken);

    Task<TaskRecord?> GetAsync(Guid id, CancellationToken cancellationToken);
}
