using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// Publishes the outbox: woken right after each commit that wrote to it, and polling now and then for rows left by a
/// crash or by another process. Rows are leased, so several processes share the work without publishing a row twice
/// at once; a row is deleted only after the bus accepted it (at-least-once: the receiver's inbox drops repeats).
/// </summary>
public sealed partial class OutboxRelay(
    IOutboxStore store,
    IMessageSender sender,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly EngineOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var count = await PublishBatchAsync(stoppingToken);
                if (count < _options.RelayBatch)
                {
                    await signal.WaitAsync(_options.RelayPollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRelayFailed(ex);
                await Task.Delay(_options.RelayPollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Publishes one leased batch; returns how many rows it took.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var batch = await store.LeaseAsync(_options.InstanceName, now, _options.LeaseDuration, _options.RelayBatch, cancellationToken);
        if (batch.Count == 0)
        {
            return 0;
        }

        var sent = new List<long>(batch.Count);
        foreach (var message in batch)
        {
            try
            {
                await sender.SendAsync(message, cancellationToken);
                sent.Add(message.Sequence);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var retryIn = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Min(message.Attempts, 8))));
                LogPublishFailed(ex, message.MessageType, message.Destination, message.Attempts + 1);
                await store.ReleaseAsync(message.Sequence, ex.Message, time.GetUtcNow() + retryIn, cancellationToken);
            }
        }

        if (sent.Count > 0)
        {
            await store.DeleteAsync(sent, cancellationToken);
        }

        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay failed; retrying shortly")]
    private partial void LogRelayFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} to {Destination} failed (attempt {Attempt}); it stays in the outbox")]
    private partial void LogPublishFailed(Exception ex, string messageType, string destination, int attempt);
}
