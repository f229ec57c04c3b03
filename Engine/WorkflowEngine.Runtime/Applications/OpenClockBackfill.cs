using Microsoft.Extensions.Logging;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Counts, once, the open clocks of the applications that were running before the engine stored them with each commit
/// (migration 0046 on SQLite, 0039 on the servers), so that the administrator's list of late bundles and stages shows
/// them from the first start after the upgrade. A start stopped half-way counts again; applications the engine saved in
/// the meantime keep the clocks it wrote.
/// </summary>
public sealed partial class OpenClockBackfill(
    IOpenClockStore store,
    IApplicationQueries applications,
    DefinitionRegistry definitions,
    ReferenceData reference,
    WorkflowInterpreter interpreter,
    ILogger<OpenClockBackfill> logger)
{
    private const int Page = 200;

    /// <summary>Counts the open applications' clocks where that is still to be done; returns how many applications were stored.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!await store.BackfillPendingAsync(cancellationToken))
        {
            return 0;
        }

        var stored = 0;
        Guid? after = null;
        while (true)
        {
            var page = await applications.ListOpenAsync(after, Page, cancellationToken);
            var counted = new List<(ApplicationRecord, IReadOnlyList<OpenClockRecord>)>(page.Count);
            foreach (var application in page)
            {
                counted.Add((application, await CountAsync(application, cancellationToken)));
            }

            stored += await store.BackfillAsync(counted, cancellationToken);
            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Id;
        }

        await store.FinishBackfillAsync(cancellationToken);
        LogCounted(stored);
        return stored;
    }

    private async Task<IReadOnlyList<OpenClockRecord>> CountAsync(ApplicationRecord application, CancellationToken cancellationToken)
    {
        try
        {
            var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
            return OpenClocks.Of(application, definition, interpreter.Registry, reference.Calendar(definition.CalendarId));
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Its definition no longer loads: the engine raises an incident on its next event; its clocks are stored then.
            LogUncounted(ex, application.Id);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Open clocks of {Count} applications running before they were stored were counted")]
    private partial void LogCounted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open clocks of application {ApplicationId} could not be counted")]
    private partial void LogUncounted(Exception exception, Guid applicationId);
}
