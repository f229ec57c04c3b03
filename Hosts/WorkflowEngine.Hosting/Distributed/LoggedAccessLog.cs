using Microsoft.Extensions.Logging;
using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// A department host's access log: it holds no application and so no audit chain to add to; each read is a structured
/// event of the category <c>WorkflowEngine.Access</c> in the host's log, for the operator's log store to keep.
/// </summary>
public sealed partial class LoggedAccessLog(ILoggerFactory loggers) : IAccessLog
{
    private readonly ILogger _log = loggers.CreateLogger("WorkflowEngine.Access");

    public Task RecordAsync(Guid applicationId, string actor, string what, IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken)
    {
        LogAccess(_log, what, applicationId, actor, detail is null ? "" : string.Join(";", detail.Select(d => $"{d.Key}={d.Value}")));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{What} of application {ApplicationId} by {Actor} {Detail}")]
    private static partial void LogAccess(ILogger logger, string what, Guid applicationId, string actor, string detail);
}
