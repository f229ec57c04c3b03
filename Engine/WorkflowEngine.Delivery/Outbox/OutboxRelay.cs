using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// Publishes the outbox. The rows this process commits reach it in memory (<see cref="CommittedOutbox"/>), leased to
/// it; once a second it also polls the table for rows nobody holds: left by a crash, given back after a failed publish,
/// or written by a process without a relay. A row is deleted, normally by the next commit, only once its message is
/// safe: at the broker's confirm where the bus is durable, otherwise when the receiver has committed it
/// (<see cref="DeliveryReceipts"/>). At-least-once: the receiver's inbox drops repeats. A row is sent only while this
/// process holds its lease: a batch that takes longer than half a lease renews the rest, and leaves any row another
/// process has meanwhile taken over to that process; a single publish that takes that long (a broker slow to confirm)
/// renews the lease of its row and of the rest while it waits. So two live processes never both publish a row; only
/// one that cannot reach its database for a whole lease (or is frozen that long) can lose a row in the middle of its
/// publish, and then the message goes twice under one message id.
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
        var next = 0;
        while (next < batch.Count)
        {
            if (batch[next].LeaseUntil - time.GetUtcNow() < _options.LeaseDuration / 2)
            {
                // Half the lease is gone (a backlog, a slow broker): past its end another process may take the rest
                // and publish it too, so the rest is renewed first, and what another process already took is left to it.
                committed.Published(sent);
                sent.Clear();
                batch = await HoldOnAsync(batch.GetRange(next, batch.Count - next), cancellationToken);
                next = 0;
                continue;
            }

            var message = batch[next];
            if (!sender.SendIsDurable)
            {
                receipts.Expect(message);
            }

            try
            {
                await SendHoldingOnAsync(batch, next, sent, cancellationToken);
                if (sender.SendIsDurable)
                {
                    sent.Add(message.Sequence);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                receipts.Forget(message);
                var retryIn = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(message.Attempts, 8))));
                LogPublishFailed(ex, message.MessageType, message.Destination, message.Attempts + 1);
                await store.ReleaseAsync(_options.InstanceName, message.Sequence, ex.Message, time.GetUtcNow() + retryIn, cancellationToken);
            }

            next++;
        }

        committed.Published(sent);
        return took;
    }

    /// <summary>
    /// Sends <paramref name="batch"/>[<paramref name="next"/>]. A publish that takes long (a broker slow to confirm, a
    /// connection blocked by the broker's flow control) keeps its lease alive meanwhile, and that of the rows after it:
    /// past the lease's end another process would take the row over and publish it a second time, and no lease can call
    /// back a publish under way. Renewing replaces the rest of <paramref name="batch"/> with the rows still held.
    /// </summary>
    private async Task SendHoldingOnAsync(List<OutboxMessage> batch, int next, List<long> sent, CancellationToken cancellationToken)
    {
        var message = batch[next];
        var send = sender.SendAsync(message, cancellationToken);
        var holding = true;
        while (!send.IsCompleted && holding)
        {
            var renewIn = batch[next].LeaseUntil - time.GetUtcNow() - _options.LeaseDuration / 2;
            if (renewIn > TimeSpan.Zero)
            {
                await WhenSentOrAfterAsync(send, renewIn, cancellationToken);
                continue;
            }

            try
            {
                committed.Published(sent);
                sent.Clear();
                var held = await HoldOnAsync(batch.GetRange(next, batch.Count - next), cancellationToken, inFlight: message);
                batch.RemoveRange(next, batch.Count - next);
                if (held.Count == 0 || held[0].Sequence != message.Sequence)
                {
                    // Only a process that could not renew for a whole lease (its database out of reach, the process
                    // frozen) gets here: the row may go twice, and the receiver's inbox drops the second by its id.
                    // Unless the row went because its receiver committed it already (a transport that is not durable
                    // deletes a row at its receipt, which may come before the send returns): then nothing was lost.
                    if (!ReceivedMeanwhile(message))
                    {
                        LogInFlightLeaseLost(message.MessageType, message.MessageId);
                    }

                    batch.Add(message);
                    holding = false;
                }

                batch.AddRange(held);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRelayFailed(ex);
                await WhenSentOrAfterAsync(send, _options.RelayPollInterval > TimeSpan.FromSeconds(1) ? _options.RelayPollInterval : TimeSpan.FromSeconds(1), cancellationToken);
            }
        }

        await send;
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
    private async Task<List<OutboxMessage>> HoldOnAsync(List<OutboxMessage> rest, CancellationToken cancellationToken, OutboxMessage? inFlight = null)
    {
        await DeletePublishedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var held = await store.RenewAsync(_options.InstanceName, rest.Select(m => m.Sequence).ToArray(), now, _options.LeaseDuration, cancellationToken);
        var keep = held.ToHashSet();
        if (held.Count < rest.Count)
        {
            // The row being sent may be gone for the good reason: its receipt came and the row was deleted above.
            var lost = rest.Count(m => !keep.Contains(m.Sequence) && !(ReferenceEquals(m, inFlight) && ReceivedMeanwhile(m)));
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
