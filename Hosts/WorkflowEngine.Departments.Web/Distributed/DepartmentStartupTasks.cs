using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Distributed;

/// <summary>
/// Runs before the bus and the relay start on a department host: migrates its database, stores the departments and
/// seeds the demo users (Development only), so that its clerks can sign in.
/// </summary>
public sealed partial class DepartmentStartupTasks(
    Database database,
    IDepartmentDirectory departments,
    ServedDepartments served,
    IDirectoryStore directory,
    IdentitySeeding identity,
    IOptions<EngineOptions> options,
    ILogger<DepartmentStartupTasks> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.RunAtStartupAsync(() => StartUpAsync(cancellationToken), cancellationToken);

    private async Task StartUpAsync(CancellationToken cancellationToken)
    {
        database.Migrate();
        await directory.UpsertDepartmentsAsync(departments.Departments.Values, cancellationToken);
        await identity.SeedAsync(options.Value.DefinitionsPath, cancellationToken);

        LogReady(string.Join(",", served.Codes), database.Dialect.Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Department host ready for {Departments} on {Database}")]
    private partial void LogReady(string departments, string database);
}
