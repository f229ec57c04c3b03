using Microsoft.Extensions.Logging;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Counts, once, the open clocks of the applications that were running before the engine stored them with each commit
/// (migration 0046 on SQLite, 0039 on the servers), so that the administrator's list of late bundles and stages shows
/// them from the first start after the upgrade. A start stopped half-way counts again. An application the engine saved in
/// the meantime is read and counted again (the engine writes clocks only when a run moved them, so a claim or a report
/// leaves it without any); one saved at every try leaves the count pending, for the next start to finish.
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

    /// <summary>How many times an application saved while it was counted is counted again before the next start is left to.</summary>
    private const int Tries = 5;

    /// <summary>Counts the open applications' clocks where that is still to be done; returns how many applications were stored.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Ended applications' rows, left by an engine from before the clocks were stored during a rolling upgrade.
        await store.ForgetEndedAsync(cancellationToken);
        if (!await store.BackfillPendingAsync(cancellationToken))
        {
            return 0;
        }

        var stored = 0;
        var left = 0;
        Guid? after = null;
        while (true)
        {
            var page = await applications.ListOpenAsync(after, Page, cancellationToken);
            var (pageStored, pageLeft) = await StoreAsync(page, cancellationToken);
            stored += pageStored;
            left += pageLeft;
            if (page.Count < Page)
            {
                break;
            }

            after = page[^1].Id;
        }

        if (left > 0)
        {
            LogLeft(left);
            return stored;
        }

        await store.FinishBackfillAsync(cancellationToken);
        LogCounted(stored);
        return stored;
    }

    /// <summary>Counts and stores the applications, reading and counting again those the engine saved meanwhile.</summary>
    private async Task<(int Stored, int Left)> StoreAsync(IReadOnlyList<ApplicationRecord> read, CancellationToken cancellationToken)
    {
        var stored = 0;
        for (var attempt = 1; ; attempt++)
        {
            var counted = new List<(ApplicationRecord, IReadOnlyList<OpenClockRecord>)>(read.Count);
            foreach (var application in read)
            {
                counted.Add((application, await CountAsync(application, cancellationToken)));
            }

            var saved = await store.BackfillAsync(counted, cancellationToken);
            stored += counted.Count - saved.Count;
            if (saved.Count == 0 || attempt == Tries)
            {
                return (stored, saved.Count);
            }

            var again = new List<ApplicationRecord>(saved.Count);
            foreach (var id in saved)
            {
                if (await applications.GetAsync(id, cancellationToken) is { } application)
                {
                    again.Add(application);
                }
            }

            read = again;
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open clocks of {Count} applications saved while they were counted are left to count at the next start")]
    private partial void LogLeft(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Open clocks of application {ApplicationId} could not be counted")]
    private partial void LogUncounted(Exception exception, Guid applicationId);
}
