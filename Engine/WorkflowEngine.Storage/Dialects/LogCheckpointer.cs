using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// Copies SQLite's write-ahead log back into the database every <see cref="SqliteWriteLane.CommitsPerCheckpoint"/>
/// commits, on a connection of its own. A passive checkpoint never waits for writers and they never wait for it, so the
/// fsyncs it ends with no longer hold the write lane: left to the committing writer (SQLite's default), every writer and
/// the processors behind them stood idle while the disk worked. Registered only where the dialect has a checkpoint
/// (<see cref="ISqlDialect.CheckpointSql"/>); nothing to do on a database whose lane is not SQLite's.
/// </summary>
public sealed partial class LogCheckpointer(Database database, ILogger<LogCheckpointer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Dialect.CheckpointSql is null || database.WriteLane is not SqliteWriteLane lane)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await lane.WaitForCheckpointAsync(stoppingToken);
                await lane.CheckpointAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The log keeps growing until the next try; past its limit a writer checkpoints by itself.
                LogCheckpointFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checkpoint of the database log failed; it is tried again after the next commits")]
    private partial void LogCheckpointFailed(Exception ex);
}
