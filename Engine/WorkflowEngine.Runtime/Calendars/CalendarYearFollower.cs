using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Calendars;

/// <summary>
/// With several engine processes on one database: takes up a year another process loaded, within
/// <see cref="EngineOptions.CalendarFollowInterval"/>, and counts its open applications again on it.
/// </summary>
public sealed partial class CalendarYearFollower(
    CalendarUpdates updates, TimeProvider time, IOptions<EngineOptions> options, ILogger<CalendarYearFollower> logger)
    : Follower(time)
{
    protected override TimeSpan Interval => options.Value.CalendarFollowInterval;

    public override Task<int> FollowAsync(CancellationToken cancellationToken) => updates.FollowAsync(cancellationToken);

    protected override void Took(int count) => LogTaken(count);

    protected override void Failed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took up {Count} holiday arrangements another engine process loaded")]
    private partial void LogTaken(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for holiday arrangements other processes loaded failed; looking again later")]
    private partial void LogFailed(Exception ex);
}
