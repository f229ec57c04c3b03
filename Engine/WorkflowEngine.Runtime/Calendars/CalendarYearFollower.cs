using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Runtime.Calendars;

/// <summary>
/// With several engine processes on one database: takes up a year another process loaded, within
/// <see cref="EngineOptions.CalendarFollowInterval"/>, and counts its open applications again on it.
/// </summary>
public sealed partial class CalendarYearFollower(CalendarUpdates updates, IOptions<EngineOptions> options, ILogger<CalendarYearFollower> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.CalendarFollowInterval, stoppingToken);
                if (await updates.FollowAsync(stoppingToken) is > 0 and var taken)
                {
                    LogTaken(taken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took up {Count} holiday arrangements another engine process loaded")]
    private partial void LogTaken(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for holiday arrangements other processes loaded failed; looking again later")]
    private partial void LogFailed(Exception ex);
}
