using System.Collections.Concurrent;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// For a transport that dies with the process (MassTransit's in-memory bus), a message the bus accepted is not yet safe:
/// a crash before its receiver commits loses it. So the relay does not let such a row go when the bus accepts it, but
/// when the receiver's transaction that consumed it (with its inbox row) has committed, or when the receiver gave up on
/// it and recorded it as a failed message. Receivers in this process report those message ids here.
/// </summary>
public sealed class DeliveryReceipts(CommittedOutbox outbox, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, (long Sequence, long SentAt)> _awaiting = new();

    /// <summary>How many messages were sent and are not yet known to be received.</summary>
    public int Awaiting => _awaiting.Count;

    /// <summary>Registers a row about to be sent; called before the send, so a receipt can never arrive first.</summary>
    public void Expect(OutboxMessage message) => _awaiting[message.MessageId] = (message.Sequence, time.GetTimestamp());

    /// <summary>The send failed: the row goes back to the table, nobody waits for it.</summary>
    public void Forget(OutboxMessage message) => _awaiting.TryRemove(message.MessageId, out _);

    /// <summary>
    /// Whether the row was sent less than <paramref name="patience"/> ago and is still awaited, so a poll must not send it
    /// again yet. Past that, the receiver has most likely lost it (its process's bus restarted) and it is sent again.
    /// </summary>
    public bool IsAwaited(Guid messageId, TimeSpan patience) =>
        _awaiting.TryGetValue(messageId, out var sent) && time.GetElapsedTime(sent.SentAt) < patience;

    /// <summary>Whether a row sent is still waiting for its receipt (false once its receiver committed it, or its send failed).</summary>
    public bool IsAwaiting(Guid messageId) => _awaiting.ContainsKey(messageId);

    /// <summary>Receivers committed (or recorded as failed) these messages: their rows may be deleted.</summary>
    public void Received(IEnumerable<string> messageIds)
    {
        List<long>? done = null;
        foreach (var id in messageIds)
        {
            if (Guid.TryParse(id, out var messageId) && _awaiting.TryRemove(messageId, out var sent))
            {
                (done ??= []).Add(sent.Sequence);
            }
        }

        if (done is not null)
        {
            outbox.Published(done);
        }
    }
}
