using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>
/// Finds what is stuck and repairs what it can, whatever the cause: a step its department never acknowledged is sent
/// again (same attempt: the department host de-duplicates it and answers with where it stands), and a step a department
/// holds but has said nothing about for the probe interval is sent again too, so a decision whose report was lost is
/// reported again. What it finds is counted on the <c>WorkflowEngine</c> meter and shown by <c>/health</c>.
/// </summary>
public sealed partial class StuckWorkMonitor(
    IWaitingSteps waiting,
    EngineProcessor engine,
    EngineMetrics metrics,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<StuckWorkMonitor> logger) : BackgroundService
{
    private readonly EngineOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.StuckCheckInterval, stoppingToken);
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogCheckFailed(ex);
            }
        }
    }

    /// <summary>One look: sends again what waits too long, and returns what is stuck.</summary>
    public async Task<StuckWorkCounts> CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var unacknowledged = await waiting.UnacknowledgedAsync(now - _options.StepAckTimeout, _options.MaxBatch, cancellationToken);
        var silent = await waiting.SilentAsync(now - _options.StepProbeInterval, _options.MaxBatch, cancellationToken);
        if (unacknowledged.Count > 0)
        {
            LogUnacknowledged(unacknowledged.Count, _options.StepAckTimeout);
        }

        await Task.WhenAll(
            unacknowledged.Select(s => ResendAsync(s, ResendReasons.Unacknowledged, cancellationToken))
                .Concat(silent.Select(s => ResendAsync(s, ResendReasons.Probe, cancellationToken))));
        var counts = await CountAsync(cancellationToken);
        metrics.Stuck(counts);
        return counts;
    }

    /// <summary>What is stuck now (for <c>/health</c>): nothing is sent again.</summary>
    public Task<StuckWorkCounts> CountAsync(CancellationToken cancellationToken) =>
        waiting.CountAsync(time.GetUtcNow() - _options.StepAckTimeout, cancellationToken);

    private async Task ResendAsync(WaitingStep step, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await engine.ApplyAsync(step.ApplicationId, new StepResendEvent(step.StepId, step.Attempt, reason), null, cancellationToken);
            metrics.Resent(reason);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResendFailed(ex, step.StepId, step.ApplicationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stuck-work check failed; trying again at the next interval")]
    private partial void LogCheckFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} steps were not acknowledged by their department within {Timeout}; sending them again")]
    private partial void LogUnacknowledged(int count, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending step {StepId} of application {ApplicationId} again failed")]
    private partial void LogResendFailed(Exception ex, string stepId, Guid applicationId);
}
