using Microsoft.Extensions.Logging;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Notifications;

/// <summary>
/// Sends the messages to applicants that the engine committed (<see cref="INotificationDeliveryStore"/>), through the
/// configured channels, apart from the engine: a mail server or SMS gateway that is slow or down holds up nothing but
/// these messages. Rows are leased, so several processes may run a relay on one database and none sends a row another
/// holds. A failed attempt is tried again after a wait that doubles each time; a refusal for good, or the last
/// attempt failing, leaves the row failed with the reason, on the administrator's list. A row is recorded sent right
/// after the channel accepted it: only a process that stops between the two sends it again when its lease runs out.
/// </summary>
public sealed partial class NotificationRelay(
    INotificationDeliveryStore store,
    IEnumerable<INotificationChannel> channels,
    ApplicantMessageSettings settings,
    TimeProvider time,
    ILogger<NotificationRelay> logger) : LeasedPoller
{
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>This relay's name on the rows it holds: one per relay, so that a restarted process does not take another's.</summary>
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override TimeSpan PollInterval => settings.PollInterval;

    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken) => await SendBatchAsync(cancellationToken) >= settings.Batch;

    protected override void Failed(Exception exception) => LogRelayFailed(exception);

    /// <summary>Sends the messages due now; returns how many it took.</summary>
    public async Task<int> SendBatchAsync(CancellationToken cancellationToken)
    {
        var batch = await store.LeaseAsync(_owner, time.GetUtcNow(), settings.LeaseDuration, settings.Batch, cancellationToken);
        foreach (var delivery in batch)
        {
            if (delivery.LeaseUntil - time.GetUtcNow() < TimeSpan.FromSeconds(5))
            {
                // The rest of the lease is too short for a send: another relay takes these rows after it runs out.
                break;
            }

            await SendAsync(delivery, cancellationToken);
        }

        return batch.Count;
    }

    private async Task SendAsync(NotificationDelivery delivery, CancellationToken cancellationToken)
    {
        var attempt = delivery.Attempts + 1;
        try
        {
            if (!_channels.TryGetValue(delivery.Channel, out var channel))
            {
                throw new NotificationRejectedException($"No channel “{delivery.Channel}” is configured in this process.");
            }

            await channel.SendAsync(delivery, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var final = ex is NotificationRejectedException || attempt >= settings.MaxAttempts;
            var wait = settings.FirstRetry * Math.Pow(2, Math.Min(attempt - 1, 16));
            var retryAt = final ? (DateTimeOffset?)null : time.GetUtcNow() + (wait < TimeSpan.FromHours(1) ? wait : TimeSpan.FromHours(1));
            if (final)
            {
                LogGivenUp(ex, delivery.Channel, delivery.TrackingNumber, delivery.Kind, attempt);
            }
            else
            {
                LogAttemptFailed(ex, delivery.Channel, delivery.TrackingNumber, delivery.Kind, attempt);
            }

            await store.MarkFailedAsync(_owner, delivery.Sequence, Describe(ex), retryAt, time.GetUtcNow(), CancellationToken.None);
            return;
        }

        if (!await store.MarkSentAsync(_owner, delivery.Sequence, time.GetUtcNow(), CancellationToken.None))
        {
            LogLeaseLost(delivery.Channel, delivery.TrackingNumber, delivery.Kind);
        }
    }

    /// <summary>The reason as the administrator reads it: the exception's message, and its cause's where it has one.</summary>
    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{ex.Message} ({inner.Message})" : ex.Message;

    [LoggerMessage(Level = LogLevel.Error, Message = "The notification relay failed; retrying shortly")]
    private partial void LogRelayFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending the {Channel} message of {TrackingNumber} ({Kind}) failed on attempt {Attempt}; it is tried again")]
    private partial void LogAttemptFailed(Exception ex, string channel, string trackingNumber, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Channel} message of {TrackingNumber} ({Kind}) failed for good on attempt {Attempt}; it is listed for the administrator")]
    private partial void LogGivenUp(Exception ex, string channel, string trackingNumber, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Channel} message of {TrackingNumber} ({Kind}) was sent after this relay's lease ran out: another relay may send it again")]
    private partial void LogLeaseLost(string channel, string trackingNumber, string kind);
}
