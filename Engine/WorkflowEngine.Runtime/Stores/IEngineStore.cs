using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Incidents;

namespace WorkflowEngine.Runtime.Stores;

/// <summary>
/// The engine's tables. Reading happens outside any write transaction; a batch's changes are written in one short
/// transaction, guarded by each application's version, so the single writer of SQLite only ever waits for writes.
/// </summary>
public interface IEngineStore
{
    Task<IEngineReader> OpenReaderAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes the batch in one transaction; throws <see cref="ConcurrencyException"/> when an application moved on since
    /// it was read, or a consumed message was consumed concurrently elsewhere. Nothing of the batch is written then.
    /// </summary>
    Task SaveAsync(EngineChanges changes, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>Reads for one engine batch.</summary>
public interface IEngineReader : IAsyncDisposable
{
    Task<IReadOnlyList<ApplicationRecord>> LoadApplicationsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<MaterialRecord>> LoadMaterialsAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>The open incident of an application in status <c>incident</c>, if any.</summary>
    Task<IncidentRecord?> LoadOpenIncidentAsync(Guid applicationId, CancellationToken cancellationToken);

    /// <summary>Which of these message ids the engine has consumed already.</summary>
    Task<IReadOnlySet<string>> FindProcessedAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken);

    /// <summary>
    /// The ratings (好差评) of these applications, by application and step ("" for the overall rating, a step id for a
    /// step's rating, 一事一评), each with whether its follow-up (整改) is recorded.
    /// </summary>
    Task<IReadOnlyDictionary<(Guid ApplicationId, string Step), bool>> FindRatedAsync(IReadOnlyCollection<Guid> applicationIds, CancellationToken cancellationToken);
}
