namespace WorkflowEngine.Runtime.Outbox;

/// <summary>Failed messages: recorded by the receiving side, listed and sent again by an administrator.</summary>
public interface IFailedMessageStore
{
    Task RecordAsync(FailedMessageRecord message, CancellationToken cancellationToken);

    /// <summary>The failed messages, newest first; not those ignored (see <see cref="ListIgnoredAsync"/>).</summary>
    Task<IReadOnlyList<FailedMessageRecord>> ListAsync(bool includeReplayed, int limit, int offset, CancellationToken cancellationToken);

    /// <summary>The messages of types added after this host's release that it ignored (<see cref="FailedMessageRecord.Ignored"/>), newest first.</summary>
    Task<IReadOnlyList<FailedMessageRecord>> ListIgnoredAsync(bool includeReplayed, int limit, int offset, CancellationToken cancellationToken);

    Task<FailedMessageRecord?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Puts the message back in the outbox for its queue, under its own message id (so a receiver that did apply it
    /// drops it), and marks it replayed, in one transaction; false when it is unknown or was replayed already.
    /// </summary>
    Task<bool> ReplayAsync(Guid id, string actor, DateTimeOffset now, CancellationToken cancellationToken);
}
