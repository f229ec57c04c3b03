using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Timers;

/// <summary>
/// Fires due timers. A timer is leased before it fires, and deleted in the same transaction as the state change it
/// causes, so of several engine processes exactly one acts on it; if that one dies, the lease runs out and another does.
/// "Due" is read from <see cref="TimeProvider"/>, so tests that move the clock see timers fire.
/// </summary>
public sealed partial class TimerPoller(
    ITimerStore store,
    EngineProcessor engine,
    TimerSignal signal,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<TimerPoller> logger) : LeasedPoller
{
    private readonly EngineOptions _options = options.Value;

    protected override TimeSpan PollInterval => _options.TimerPollInterval;

    protected override WakeSignal Wake => signal;

    /// <summary>Fires until nothing is due, so the next round always waits.</summary>
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await FireDueAsync(cancellationToken);
        return false;
    }

    protected override void Failed(Exception exception) => LogPollFailed(exception);

    /// <summary>Fires every timer due now; returns how many fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        while (true)
        {
            // A read first: leasing takes the write lane, and most looks find nothing due.
            if (await store.NextDueAsync(cancellationToken) is not { } next || next > time.GetUtcNow())
            {
                return fired;
            }

            var due = await store.LeaseDueAsync(_options.InstanceName, time.GetUtcNow(), _options.LeaseDuration, _options.MaxBatch, cancellationToken);
            if (due.Count == 0)
            {
                return fired;
            }

            await Task.WhenAll(due.Select(async timer =>
            {
                try
                {
                    await engine.ApplyAsync(timer.ApplicationId, new TimerFiredEvent(timer.TimerId, timer.NodeId), null, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogTimerFailed(ex, timer.TimerId, timer.ApplicationId);
                }
            }));
            fired += due.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer polling failed; retrying shortly")]
    private partial void LogPollFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {TimerId} of application {ApplicationId} failed; its lease will run out and it fires again")]
    private partial void LogTimerFailed(Exception ex, string timerId, Guid applicationId);
}
