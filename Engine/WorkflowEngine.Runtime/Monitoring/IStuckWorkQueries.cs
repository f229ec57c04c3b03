namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>The database's side of the stuck-work check: steps waiting on a department, undelivered messages, incidents, failed messages.</summary>
public interface IStuckWorkQueries
{
    /// <summary>Every step waiting on its department (dispatched, received or claimed), as <see cref="IWaitingSteps"/> starts from.</summary>
    Task<IReadOnlyList<WaitingStep>> AllWaitingAsync(CancellationToken cancellationToken);

    /// <summary>Steps sent to a department and never acknowledged, last sent before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Steps a department holds that nothing was heard of since <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>
    /// The counts behind <c>/health</c>: outbox rows older than <paramref name="overdueBefore"/>, open incidents, failed
    /// messages not sent again, and (when <paramref name="withSteps"/>) steps unacknowledged since then.
    /// </summary>
    Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, bool withSteps, CancellationToken cancellationToken);
}
