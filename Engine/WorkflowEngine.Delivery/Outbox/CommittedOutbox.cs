using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// What this process's commits wrote to the outbox, handed to its relay without a read back, and which rows have since
/// become safe to drop (published to a durable broker, or committed by their receiver), deleted by the next commit
/// instead of a transaction of its own.
/// </summary>
/// <remarks>
/// Rows are written leased to this process (<see cref="Owner"/> until <see cref="LeaseUntil"/>), so no other relay, and
/// not this one's poll, takes them while this process holds them. After a crash the lease runs out and a poll publishes
/// them; a row sent but not yet deleted is sent again then, and the receiver's inbox drops the repeat.
/// </remarks>
public sealed class CommittedOutbox(OutboxSignal signal, IOptions<EngineOptions> options)
{
    private readonly ConcurrentQueue<OutboxMessage> _committed = new();
    private readonly ConcurrentQueue<long> _published = new();

    public string Owner => options.Value.InstanceName;

    public DateTimeOffset LeaseUntil(DateTimeOffset now) => now + options.Value.LeaseDuration;

    /// <summary>Rows a transaction has just committed (with their sequence), for the relay.</summary>
    public void Committed(IReadOnlyList<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        foreach (var message in messages)
        {
            _committed.Enqueue(message);
        }

        signal.Notify();
    }

    /// <summary>Moves up to <paramref name="max"/> committed rows, oldest first, into <paramref name="into"/>.</summary>
    public void TakeCommitted(List<OutboxMessage> into, int max)
    {
        while (into.Count < max && _committed.TryDequeue(out var message))
        {
            into.Add(message);
        }
    }

    /// <summary>Rows whose messages are safe (see <see cref="DeliveryReceipts"/>), to be deleted.</summary>
    public void Published(IEnumerable<long> sequences)
    {
        foreach (var sequence in sequences)
        {
            _published.Enqueue(sequence);
        }
    }

    public bool AnyPublished => !_published.IsEmpty;

    /// <summary>Takes every published row for a transaction to delete; <see cref="Published"/> gives them back if it fails.</summary>
    public List<long> TakePublished()
    {
        var taken = new List<long>(_published.Count);
        while (_published.TryDequeue(out var sequence))
        {
            taken.Add(sequence);
        }

        return taken;
    }
}
