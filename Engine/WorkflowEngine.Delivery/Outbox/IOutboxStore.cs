namespace WorkflowEngine.Runtime.Outbox;

/// <summary>The outbox table: leased in batches so several processes never publish the same row at once.</summary>
public interface IOutboxStore
{
    /// <summary>Takes up to <paramref name="max"/> rows nobody holds (or whose lease ran out) for <paramref name="leaseFor"/>.</summary>
    Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Removes published rows.</summary>
    Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken);

    /// <summary>Gives a row back after a failed publish, to be retried at <paramref name="retryAt"/>.</summary>
    Task ReleaseAsync(long sequence, string error, DateTimeOffset retryAt, CancellationToken cancellationToken);

    Task<int> CountAsync(CancellationToken cancellationToken);
}
