namespace WorkflowEngine.Runtime.Notifications;

/// <summary>The table of messages to applicants: leased in batches, so that several relays never send one row at once.</summary>
public interface INotificationDeliveryStore
{
    /// <summary>Takes up to <paramref name="max"/> pending rows that are due and nobody holds, for <paramref name="leaseFor"/>.</summary>
    Task<IReadOnlyList<NotificationDelivery>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken);

    /// <summary>Records a row as sent; false when <paramref name="owner"/> no longer held it.</summary>
    Task<bool> MarkSentAsync(string owner, long sequence, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt: with <paramref name="retryAt"/> the row is tried again then, without it the row has
    /// failed for good. Only while <paramref name="owner"/> holds it.
    /// </summary>
    Task MarkFailedAsync(string owner, long sequence, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Rows of one status (<see cref="DeliveryStatuses"/>), or every row, newest first.</summary>
    Task<IReadOnlyList<NotificationDelivery>> ListAsync(string? status, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>Makes a failed row pending again, to be sent at once; false when it is unknown or did not fail.</summary>
    Task<bool> RetryAsync(long sequence, DateTimeOffset now, CancellationToken cancellationToken);
}
