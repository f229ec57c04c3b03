using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>
/// The waiting steps as the database's index of them holds them: for databases several engine processes share, where
/// one process cannot know what the others dispatched.
/// </summary>
public sealed class IndexedWaitingSteps(IStuckWorkQueries queries) : IWaitingSteps
{
    public Task LoadAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Committed(IEnumerable<StepRecord> steps)
    {
    }

    public Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        queries.UnacknowledgedAsync(before, max, cancellationToken);

    public Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        queries.SilentAsync(before, max, cancellationToken);

    public Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, CancellationToken cancellationToken) =>
        queries.CountAsync(overdueBefore, withSteps: true, cancellationToken);
}
