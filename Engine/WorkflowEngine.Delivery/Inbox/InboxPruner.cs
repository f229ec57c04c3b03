using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Runtime.Inbox;

/// <summary>
/// Deletes inbox entries older than <see cref="InboxOptions.InboxRetention"/>, a small batch at a time, so that the
/// table stays the size of the redelivery window instead of growing with every message ever consumed. Several
/// processes on one database may prune at once: each batch is its own short transaction, and an entry two of them
/// delete is simply gone.
/// </summary>
public sealed partial class InboxPruner(IInboxStore store, TimeProvider time, IOptions<InboxOptions> options, ILogger<InboxPruner> logger) : BackgroundService
{
    private readonly InboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // After an interval first: the host's start-up tasks migrate the database before this runs.
                await Task.Delay(_options.InboxPruneInterval, time, stoppingToken);
                var pruned = await PruneAsync(stoppingToken);
                if (pruned > 0)
                {
                    LogPruned(pruned);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogPruneFailed(ex);
            }
        }
    }

    /// <summary>Deletes every entry past the retention, batch after batch; returns how many went.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - _options.InboxRetention;
        var total = 0;
        int pruned;
        do
        {
            pruned = await store.PruneAsync(before, _options.InboxPruneBatch, cancellationToken);
            total += pruned;
        }
        while (pruned >= _options.InboxPruneBatch);

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Count} inbox entries past their retention")]
    private partial void LogPruned(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the inbox failed; trying again at the next interval")]
    private partial void LogPruneFailed(Exception ex);
}
