namespace WorkflowEngine.Runtime.Departments;

/// <summary>What the clerk workbench reads.</summary>
public interface ITaskQueries
{
    /// <summary>
    /// A page of a department's tasks and the total the filter matches. Unfinished ones by urgency: red cards, then
    /// yellow, then escalated (特急, then 加急), then soonest due; finished ones newest first.
    /// </summary>
    Task<TaskQueuePage> QueueAsync(string department, TaskQueueFilter filter, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>The services a department has tasks of, to filter its queue by, with their titles (in English where the engine sent it).</summary>
    Task<IReadOnlyList<(string Id, string Title, string? TitleEn)>> ServicesAsync(string department, CancellationToken cancellationToken);

    /// <summary>What was done to a task, in the order it was done.</summary>
    Task<IReadOnlyList<TaskEvent>> HistoryAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>
    /// A task with its payload, form, requests for more time and history, read in one snapshot: read apart, a claim
    /// committed between them showed a claimed task whose history had no claim.
    /// </summary>
    Task<TaskDetail?> DetailAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A task with its payload (the whole application), for the clerk's page.</summary>
    Task<TaskRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The combined form of an application, kept once however many of its steps the department holds.</summary>
    Task<string?> FormAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>The steps of an application whose task in <paramref name="department"/> the clerk holds (claimed) or decided.</summary>
    Task<IReadOnlyList<string>> HeldByAsync(Guid applicationId, string department, string clerk, CancellationToken cancellationToken);

    /// <summary>A task without its payload: who owns it and where it stands.</summary>
    Task<TaskRecord?> GetSummaryAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A department's requests for more time, oldest first (status: pending, approved, refused or all).</summary>
    Task<IReadOnlyList<ExtensionRequest>> ListExtensionsAsync(string department, string filter, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>The requests for more time on a task, oldest first.</summary>
    Task<IReadOnlyList<ExtensionRequest>> ExtensionsOfTaskAsync(Guid taskId, CancellationToken cancellationToken);

    Task<ExtensionRequest?> GetExtensionAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A department's open tasks whose clerk waits for a supervisor to allow a further supplement request, longest waiting first.</summary>
    Task<IReadOnlyList<TaskRecord>> SupplementApprovalsWaitingAsync(string department, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>A department's notices for its supervisors, newest first.</summary>
    Task<IReadOnlyList<DepartmentNotice>> NoticesAsync(string department, int limit, int offset, CancellationToken cancellationToken);
}
