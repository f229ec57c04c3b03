using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The stored open clocks of the running applications (<see cref="OpenClockRecord"/>), which the engine writes with each
/// application's state: the administrator's list of late bundles and stages, and the one-time count of the applications
/// that were running before the clocks were stored.
/// </summary>
public interface IOpenClockStore
{
    /// <summary>
    /// The clocks of running applications on a card at <paramref name="now"/> (only <paramref name="level"/>'s colour, only
    /// <paramref name="serviceId"/>'s applications, where given): red before yellow, running before paused, then the most urgent card's due time,
    /// earliest first; <paramref name="limit"/> of them from <paramref name="offset"/>, and how many there are in all.
    /// </summary>
    Task<OpenClockPage> ListLateAsync(string? serviceId, WarningLevel? level, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Whether the applications running before the clocks were stored are still to be counted.</summary>
    Task<bool> BackfillPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the counted clocks of applications read at <see cref="ApplicationRecord.Version"/>. An application saved
    /// since is left as it is and returned: the engine writes its clocks only when a run moved them, so it is to be read
    /// and counted again.
    /// </summary>
    Task<IReadOnlyList<Guid>> BackfillAsync(IReadOnlyList<(ApplicationRecord Application, IReadOnlyList<OpenClockRecord> Clocks)> counted, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the rows of applications that ended without deleting them (ended by an engine from before the clocks were
    /// stored, during a rolling upgrade); returns how many.
    /// </summary>
    Task<int> ForgetEndedAsync(CancellationToken cancellationToken);

    /// <summary>Records that every application running before the clocks were stored has been counted.</summary>
    Task FinishBackfillAsync(CancellationToken cancellationToken);
}
