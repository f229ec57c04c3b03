namespace WorkflowEngine.Runtime.Outbox;

/// <summary>The outbox table: leased in batches so several processes never publish the same row at once.</summary>
public interface IOutboxStore
{
    /// <summary>Takes up to <paramref name="max"/> rows nobody holds (or whose lease ran out) for <paramref name="leaseFor"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Extends <paramref name="owner"/>'s lease of the given rows to <paramref name="now"/> + <paramref name="leaseFor"/>;
    /// returns those it still held, in order. A row whose lease ran out and that another process took over (or that
    /// is gone) is left alone and not returned: that process publishes it.
    /// </summary>
    Task<IReadOnlyList<long>> RenewAsync(string owner, IReadOnlyList<long> sequences, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken);

    /// <summary>
    /// Removes published rows, whoever holds them now: their messages are safe, and a row left behind would only be
    /// published again by the process that took it over.
    /// </summary>
    Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a row back after a failed publish, to be retried at <paramref name="retryAt"/>; only while
    /// <paramref name="owner"/> holds it, so that a process whose lease ran out cannot free a row another one is publishing.
    /// </summary>
    Task ReleaseAsync(string owner, long sequence, string error, DateTimeOffset retryAt, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
