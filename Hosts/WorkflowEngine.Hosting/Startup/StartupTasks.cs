using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Calendars;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Startup;

/// <summary>
/// Runs before anything else starts: migrates the database, stores the departments, seeds the demo users
/// (Development only) and the bootstrap administrator, and publishes the definitions under <c>Definitions/services</c> that changed.
/// </summary>
public sealed partial class StartupTasks(
    Database database,
    ReferenceData reference,
    IDirectoryStore directory,
    IDepartmentEntries departmentEntries,
    DefinitionRegistry definitions,
    IAuditStore audit,
    IWaitingSteps waiting,
    IdentitySeeding identity,
    CalendarUpdates calendars,
    OpenClockBackfill openClocks,
    IOptions<EngineOptions> options,
    ILogger<StartupTasks> logger) : IHostedService
{
    /// <summary>Errors in definition files found at start (the files were skipped; the host runs without them).</summary>
    public IReadOnlyList<DefinitionError> DefinitionProblems { get; private set; } = [];

    public Task StartAsync(CancellationToken cancellationToken) => database.RunAtStartupAsync(() => StartUpAsync(cancellationToken), cancellationToken);

    private async Task StartUpAsync(CancellationToken cancellationToken)
    {
        database.Migrate();
        if (await audit.BackfillAsync(cancellationToken) is > 0 and var chained)
        {
            LogChained(chained);
        }

        // Before the bus and the relay start: no commit can happen while the waiting steps are read.
        await waiting.LoadAsync(cancellationToken);
        // The names an administrator edited stand over the files; the files give every other department's.
        var edited = await departmentEntries.EditedAsync(cancellationToken);
        await directory.UpsertDepartmentsAsync(reference.Departments.Values.Where(d => edited.All(e => e.Code != d.Code)).Select(d => d.ToDirectory()), cancellationToken);
        reference.RenameChanged(edited.Select(d => d.ToDepartment()));

        await identity.SeedAsync(options.Value.DefinitionsPath, cancellationToken);

        DefinitionProblems = await definitions.SeedAsync(options.Value.DefinitionsPath, cancellationToken);
        // The years administrators loaded stand over the files; a recount a stop cut short is finished.
        await calendars.ApplyStoredAsync(cancellationToken);
        // Applications running before the engine stored their open clocks join the list of late ones.
        await openClocks.RunAsync(cancellationToken);
        LogReady(database.Dialect.Name, reference.Departments.Count, options.Value.DefinitionsPath);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit trails of {Count} applications written before the hash chain were chained")]
    private partial void LogChained(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ({Dialect}) migrated; {Departments} departments; definitions from {Path}")]
    private partial void LogReady(string dialect, int departments, string path);
}
