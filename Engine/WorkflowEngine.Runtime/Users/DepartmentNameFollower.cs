using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Users;

/// <summary>
/// With several engine processes on one database: puts in place, within <see cref="EngineOptions.DepartmentFollowInterval"/>,
/// the names and description an administrator gave a department on another process. The process that took the edit
/// renames at once; the others read the (few dozen) edited rows on this beat and rename what differs.
/// </summary>
/// <remarks>
/// A poll rather than a version stamp checked on read: the names are read synchronously from <see cref="ReferenceData"/>
/// everywhere (pages, API answers, messages to applicants), so a check on read would put a database query behind each
/// of them; and rather than a broadcast on the bus, which the in-memory transport does not carry between processes and
/// which would still need this poll for a message a stopped process missed.
/// </remarks>
public sealed partial class DepartmentNameFollower(
    IDepartmentEntries departments, ReferenceData reference, TimeProvider time, IOptions<EngineOptions> options, ILogger<DepartmentNameFollower> logger)
    : Follower(time)
{
    protected override TimeSpan Interval => options.Value.DepartmentFollowInterval;

    /// <summary>Renames the departments whose stored edit differs from what this process shows; returns how many.</summary>
    public override async Task<int> FollowAsync(CancellationToken cancellationToken) =>
        reference.RenameChanged((await departments.EditedAsync(cancellationToken)).Select(d => d.ToDepartment()));

    protected override void Took(int count) => LogRenamed(count);

    protected override void Failed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took up the new names of {Count} departments edited on another engine process")]
    private partial void LogRenamed(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for departments edited on other processes failed; looking again later")]
    private partial void LogFailed(Exception ex);
}
