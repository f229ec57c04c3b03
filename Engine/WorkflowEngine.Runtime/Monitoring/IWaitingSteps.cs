using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>Where the stuck-work check finds the steps waiting on their departments.</summary>
public interface IWaitingSteps
{
    /// <summary>Called once at start, before any commit.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Step rows a transaction has just committed.</summary>
    void Committed(IEnumerable<StepRecord> steps);

    Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Everything stuck: unacknowledged steps and outbox rows older than <paramref name="overdueBefore"/>, open incidents, failed messages.</summary>
    Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, CancellationToken cancellationToken);
}
