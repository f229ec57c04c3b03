namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>The reads of the stuck-work check: steps nobody answered for, messages not delivered, incidents, failed messages.</summary>
public interface IStuckWorkQueries
{
    /// <summary>Steps sent to a department and never acknowledged, last sent before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>Steps a department holds that nothing was heard of since <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken);

    /// <summary>The counts behind <c>/health</c>: unacknowledged steps and outbox rows older than <paramref name="overdueBefore"/>, open incidents, failed messages not sent again.</summary>
    Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, CancellationToken cancellationToken);
}
