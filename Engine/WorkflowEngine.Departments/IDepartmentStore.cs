namespace WorkflowEngine.Runtime.Departments;

/// <summary>A department host's tables: tasks, its inbox and its outbox; read outside, written in one short transaction.</summary>
public interface IDepartmentStore
{
    Task<IDepartmentReader> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>Writes the batch; throws <see cref="Stores.ConcurrencyException"/> when a task changed or a message was consumed since it was read.</summary>
    Task SaveAsync(DepartmentChanges changes, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Reads for one department batch. Tasks come without their payload (never rewritten by a batch).</summary>
public interface IDepartmentReader : IAsyncDisposable
{
    Task<IReadOnlySet<string>> FindProcessedAsync(string consumer, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);

    /// <summary>The tasks of these steps (by step id, any attempt) of these applications, every pairing of the two.</summary>
    Task<IReadOnlyList<TaskRecord>> TasksOfAsync(IReadOnlyCollection<Guid> applicationIds, IReadOnlyCollection<string> stepIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<TaskRecord>> GetTasksAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The step as it arrived (the payload) of each of these tasks, by task id.</summary>
    Task<IReadOnlyDictionary<Guid, string>> PayloadsOfAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken);

    /// <summary>Every request for more time on these tasks.</summary>
    Task<IReadOnlyList<ExtensionRequest>> ExtensionsOfAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken);
}
