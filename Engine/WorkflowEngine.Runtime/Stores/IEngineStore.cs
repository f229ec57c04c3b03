using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Stores;

/// <summary>The engine's writes: one session is one transaction.</summary>
public interface IEngineStore
{
    Task<IEngineSession> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>A transaction over the engine's tables.</summary>
public interface IEngineSession : IAsyncDisposable
{
    Task<IReadOnlyList<ApplicationRecord>> LoadApplicationsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<MaterialRecord>> LoadMaterialsAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>Which of these message ids the engine has consumed already.</summary>
    Task<IReadOnlySet<string>> FindProcessedAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);

    /// <summary>Writes the batch; throws <see cref="ConcurrencyException"/> when an application moved on since it was read.</summary>
    Task SaveAsync(EngineChanges changes, DateTimeOffset now, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
