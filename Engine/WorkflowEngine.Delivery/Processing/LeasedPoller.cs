using Microsoft.Extensions.Hosting;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>
/// A background loop over leased rows (due timers, the outbox, messages to applicants): a round leases what is due and
/// works it; unless it took a full batch, the loop then waits for <see cref="PollInterval"/> or for <see cref="Wake"/>,
/// whichever comes first. A failed round is reported and the next comes a poll interval later; the loop ends when the
/// host stops. The waits are in real time: they pace the polling, while the rows' due times are judged by the
/// <see cref="TimeProvider"/> of each round.
/// </summary>
public abstract class LeasedPoller : BackgroundService
{
    /// <summary>How long to wait between two rounds when nothing wakes the loop, and after a failed round.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>What wakes the loop before the poll interval has passed (new rows committed), or null to wait the whole interval.</summary>
    protected virtual WakeSignal? Wake => null;

    /// <summary>One round: leases and works what is due; returns whether there may be more at once (it took a full batch), so the next round comes without a wait.</summary>
    protected abstract Task<bool> RoundAsync(CancellationToken cancellationToken);

    /// <summary>A whole poll interval passed without a wake-up: nothing was committed meanwhile.</summary>
    protected virtual Task IdleAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The host is stopping, after the last round.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    /// <summary>A round failed; the next comes after <see cref="PollInterval"/>.</summary>
    protected abstract void Failed(Exception exception);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await RoundAsync(stoppingToken) && !await WaitAsync(stoppingToken))
                {
                    await IdleAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Failed(ex);
                // Stopping during this wait ends the loop without StoppedAsync: the round just failed, and what it
                // reached (a database) may hold up the host's stop.
                await Task.Delay(PollInterval, stoppingToken);
            }
        }

        await StoppedAsync();
    }

    /// <summary>Waits for a wake-up or the poll interval; true when woken.</summary>
    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        if (Wake is { } wake)
        {
            return await wake.WaitAsync(PollInterval, cancellationToken);
        }

        await Task.Delay(PollInterval, cancellationToken);
        return false;
    }
}
