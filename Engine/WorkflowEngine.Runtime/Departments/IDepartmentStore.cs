using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>A department host's tables: tasks, its inbox and its outbox.</summary>
public interface IDepartmentStore
{
    Task<IDepartmentSession> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>A transaction over a department host's tables.</summary>
public interface IDepartmentSession : IAsyncDisposable
{
    /// <summary>Records a consumed message; false when it was consumed before (a redelivery).</summary>
    Task<bool> TryRecordMessageAsync(string consumer, string messageId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<TaskRecord?> GetTaskAsync(Guid id, CancellationToken cancellationToken);

    Task<TaskRecord?> FindTaskAsync(Guid applicationId, string stepId, int attempt, CancellationToken cancellationToken);

    Task InsertTaskAsync(TaskRecord task, CancellationToken cancellationToken);

    Task UpdateTaskAsync(TaskRecord task, CancellationToken cancellationToken);

    Task EnqueueAsync(IReadOnlyCollection<OutboxMessage> messages, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
