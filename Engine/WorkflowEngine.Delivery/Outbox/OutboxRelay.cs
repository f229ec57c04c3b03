using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// Publishes the outbox. The rows this process commits reach it in memory (<see cref="CommittedOutbox"/>), leased to
/// it; once a second it also polls the table for rows nobody holds: left by a crash, given back after a failed publish,
/// or written by a process without a relay. A row is deleted, normally by the next commit, only once its message is
/// safe: at the broker's confirm where the bus is durable, otherwise when the receiver has committed it
/// (<see cref="DeliveryReceipts"/>). At-least-once: the receiver's inbox drops repeats. To a durable broker up to
/// <see cref="EngineOptions.RelayWindow"/> rows are on their way at once and their confirms awaited together, so that
/// the broker writes them to disk together rather than one write per message. A row is sent only while this
/// process holds its lease: a batch that takes longer than half a lease renews the rest, and leaves any row another
/// process has meanwhile taken over to that process; publishes that take that long (a broker slow to confirm)
/// renew the lease of their rows and of the rest while they wait. So two live processes never both publish a row; only
/// one that cannot reach its database for a whole lease (or is frozen that long) can lose the rows in the middle of
/// their publish (at most a window), and then each of those messages goes twice under its one message id.
/// </summary>
public sealed partial class OutboxRelay(
    IOutboxStore store,
    IMessageSender sender,
    CommittedOutbox committed,
    DeliveryReceipts receipts,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<OutboxRelay> logger) : LeasedPoller
{
    private readonly EngineOptions _options = options.Value;
    private long? _lastPoll;

    protected override TimeSpan PollInterval => _options.RelayPollInterval;

    protected override WakeSignal Wake => signal;

    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken) => await PublishBatchAsync(cancellationToken) >= _options.RelayBatch;

    /// <summary>Nothing committed for a while, so no commit is coming to delete what was published.</summary>
    protected override Task IdleAsync(CancellationToken cancellationToken) => DeletePublishedAsync(cancellationToken);

    protected override async Task StoppedAsync()
    {
        try
        {
            // Stopping: what is known to be safe should not be published again after the restart.
            await DeletePublishedAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRelayFailed(ex);
        }
    }

    protected override void Failed(Exception exception) => LogRelayFailed(exception);

    /// <summary>Publishes what was committed since the last call, and what a poll finds; returns how many rows it took.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<OutboxMessage>();
        committed.TakeCommitted(batch, _options.RelayBatch);
        var now = time.GetUtcNow();
        if (batch.Count < _options.RelayBatch && (_lastPoll is not { } last || time.GetElapsedTime(last) >= _options.RelayPollInterval))
        {
            // Published rows are deleted first, so that the poll cannot find them again.
            await DeletePublishedAsync(cancellationToken);
            // A row sent and still awaited is in flight, not lost: it is sent again only once its receipt is overdue.
            var leased = await store.LeaseAsync(_options.InstanceName, now, _options.LeaseDuration, _options.RelayBatch - batch.Count, cancellationToken);
            if (leased.Count > 0)
            {
                // A committed row whose lease ran out before it was taken is found by the poll too.
                var taken = batch.Select(m => m.Sequence).ToHashSet();
                batch.AddRange(leased.Where(m => !taken.Contains(m.Sequence) && !receipts.IsAwaited(m.MessageId, _options.LeaseDuration)));
            }

            _lastPoll = time.GetTimestamp();
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var took = batch.Count;
        var sent = new List<long>(batch.Count);
        var window = sender.SendIsDurable ? Math.Max(1, _options.RelayWindow) : 1;
        var next = 0;
        while (next < batch.Count)
        {
            var size = Math.Min(window, batch.Count - next);
            if (EarliestLease(batch, next, size) - time.GetUtcNow() < _options.LeaseDuration / 2)
            {
                // Half the lease is gone (a backlog, a slow broker): past its end another process may take the rest
                // and publish it too, so the rest is renewed first, and what another process already took is left to it.
                committed.Published(sent);
                sent.Clear();
                batch = await HoldOnAsync(batch.GetRange(next, batch.Count - next), cancellationToken);
                next = 0;
                continue;
            }

            if (!sender.SendIsDurable)
            {
                for (var i = next; i < next + size; i++)
                {
                    receipts.Expect(batch[i]);
                }
            }

            var sends = await SendHoldingOnAsync(batch, next, size, sent, cancellationToken);
            for (var i = 0; i < size; i++)
            {
                var message = batch[next + i];
                if (sends[i].IsCanceled)
                {
                    await sends[i];
                }

                if (sends[i].Exception?.InnerException is { } ex)
                {
                    receipts.Forget(message);
                    var retryIn = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(message.Attempts, 8))));
                    LogPublishFailed(ex, message.MessageType, message.Destination, message.Attempts + 1);
                    await store.ReleaseAsync(_options.InstanceName, message.Sequence, ex.Message, time.GetUtcNow() + retryIn, cancellationToken);
                }
                else if (sender.SendIsDurable)
                {
                    sent.Add(message.Sequence);
                }
            }

            next += size;
        }

        committed.Published(sent);
        return took;
    }

    /// <summary>
    /// Sends the <paramref name="size"/> rows of <paramref name="batch"/> from <paramref name="next"/> on, all at once,
    /// and returns their sends once each has ended (a failed one faulted, not thrown). A publish that takes long (a
    /// broker slow to confirm, a connection blocked by the broker's flow control) keeps the lease of the rows in flight
    /// alive meanwhile, and that of the rows after them: past the lease's end another process would take a row over and
    /// publish it a second time, and no lease can call back a publish under way. Renewing replaces the rest of
    /// <paramref name="batch"/> with the rows in flight and those still held after them.
    /// </summary>
    private async Task<Task[]> SendHoldingOnAsync(List<OutboxMessage> batch, int next, int size, List<long> sent, CancellationToken cancellationToken)
    {
        var inFlight = batch.GetRange(next, size);
        var sends = new Task[size];
        for (var i = 0; i < size; i++)
        {
            sends[i] = SendAsync(inFlight[i], cancellationToken);
        }

        var all = size == 1 ? sends[0] : Task.WhenAll(sends);
        var holding = true;
        while (!all.IsCompleted && holding)
        {
            var renewIn = EarliestLease(batch, next, size) - time.GetUtcNow() - _options.LeaseDuration / 2;
            if (renewIn > TimeSpan.Zero)
            {
                await WhenSentOrAfterAsync(all, renewIn, cancellationToken);
                continue;
            }

            try
            {
                committed.Published(sent);
                sent.Clear();
                var held = await HoldOnAsync(batch.GetRange(next, batch.Count - next), cancellationToken, inFlight);
                batch.RemoveRange(next, batch.Count - next);
                var stillHeld = held.Select(m => m.Sequence).ToHashSet();
                var lost = inFlight.Where(m => !stillHeld.Contains(m.Sequence)).ToList();
                // The rows in flight stay in the batch whatever happened to their lease: their sends are under way.
                batch.AddRange(inFlight.Select(m => held.Find(h => h.Sequence == m.Sequence) ?? m));
                batch.AddRange(held.Where(h => !inFlight.Exists(m => m.Sequence == h.Sequence)));
                if (lost.Count > 0)
                {
                    // Only a process that could not renew for a whole lease (its database out of reach, the process
                    // frozen) gets here: these rows may go twice, and the receiver's inbox drops the second by its id.
                    // Unless a row went because its receiver committed it already (a transport that is not durable
                    // deletes a row at its receipt, which may come before the send returns): then nothing was lost.
                    foreach (var message in lost.Where(m => !ReceivedMeanwhile(m)))
                    {
                        LogInFlightLeaseLost(message.MessageType, message.MessageId);
                    }

                    holding = false;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(ex);
                await WhenSentOrAfterAsync(all, _options.RelayPollInterval > TimeSpan.FromSeconds(1) ? _options.RelayPollInterval : TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        try
        {
            await all;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Each failed send is looked at by the caller.
        }

        return sends;
    }

    /// <summary>When the lease of the first of <paramref name="size"/> rows from <paramref name="next"/> on runs out (rows polled and rows committed hold leases of different ages).</summary>
    private static DateTimeOffset EarliestLease(List<OutboxMessage> batch, int next, int size)
    {
        var earliest = batch[next].LeaseUntil;
        for (var i = next + 1; i < next + size; i++)
        {
            earliest = batch[i].LeaseUntil < earliest ? batch[i].LeaseUntil : earliest;
        }

        return earliest;
    }

    /// <summary>One send, started at once; what fails is in the task, for the caller, not thrown here.</summary>
    private Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return sender.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromException(ex);
        }
    }

    /// <summary>
    /// Waits until <paramref name="send"/> ends or <paramref name="delay"/> has passed, whichever is first; the send's own
    /// failure is left to the caller's <c>await send</c>. One timer, and no linked token or delay task per send.
    /// </summary>
    private async Task WhenSentOrAfterAsync(Task send, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await send.WaitAsync(delay, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Time to renew the lease; the send goes on.
        }
        catch (Exception) when (send.IsCompleted && !cancellationToken.IsCancellationRequested)
        {
            // The send failed: its caller sees why.
        }
    }

    /// <summary>
    /// Deletes what is already safe (its lease would run out too), renews the lease of the rows still to send, and
    /// returns those this process still held; one round trip each, once per half lease.
    /// </summary>
    private async Task<List<OutboxMessage>> HoldOnAsync(List<OutboxMessage> rest, CancellationToken cancellationToken, List<OutboxMessage>? inFlight = null)
    {
        await DeletePublishedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var held = await store.RenewAsync(_options.InstanceName, rest.Select(m => m.Sequence).ToArray(), now, _options.LeaseDuration, cancellationToken);
        var keep = held.ToHashSet();
        if (held.Count < rest.Count)
        {
            // A row being sent may be gone for the good reason: its receipt came and the row was deleted above.
            var lost = rest.Count(m => !keep.Contains(m.Sequence) && !(inFlight is not null && inFlight.Exists(f => f.Sequence == m.Sequence) && ReceivedMeanwhile(m)));
            if (lost > 0)
            {
                LogLeaseLost(lost);
            }
        }

        var until = now + _options.LeaseDuration;
        return rest.Where(m => keep.Contains(m.Sequence)).Select(m => m with { LeaseUntil = until }).ToList();
    }

    /// <summary>Whether the row of a message still being sent is safe already: its receiver committed it (a transport that is not durable).</summary>
    private bool ReceivedMeanwhile(OutboxMessage message) => !sender.SendIsDurable && !receipts.IsAwaiting(message.MessageId);

    private async Task DeletePublishedAsync(CancellationToken cancellationToken)
    {
        if (!committed.AnyPublished)
        {
            return;
        }

        var published = committed.TakePublished();
        try
        {
            await store.DeleteAsync(published, cancellationToken);
        }
        catch
        {
            committed.Published(published);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay failed; retrying shortly")]
    private partial void LogRelayFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox lease of {Count} rows ran out before they were published; another process took them over and publishes them")]
    private partial void LogLeaseLost(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outbox lease of {MessageType} {MessageId} ran out while it was being published and another process took it over: it may be published twice, and its receiver drops the repeat by its message id")]
    private partial void LogInFlightLeaseLost(string messageType, Guid messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} to {Destination} failed (attempt {Attempt}); it stays in the outbox")]
    private partial void LogPublishFailed(Exception ex, string messageType, string destination, int attempt);
}
