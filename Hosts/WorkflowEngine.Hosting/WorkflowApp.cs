using Microsoft.AspNetCore.Builder;
using WorkflowEngine.Hosting.Startup;

namespace WorkflowEngine.Hosting;

/// <summary>What a host process is.</summary>
public enum HostRole
{
    /// <summary>Engine, every department and the API in one process: SQLite and the in-memory bus by default.</summary>
    AllInOne,

    /// <summary>The engine, its API, relay and timers; departments elsewhere.</summary>
    Engine,

    /// <summary>The queues, tasks and clerk API of the departments in <c>Departments:Codes</c>.</summary>
    Department,
}

/// <summary>Builds a host; each host's Program.cs and the end-to-end tests start it this way.</summary>
public static class WorkflowApp
{
    /// <summary>
    /// The host's command line: runs the host; or with <c>verify-audit</c> first (engine hosts), checks the database's audit
    /// trails and exits; or with <c>set-password &lt;user&gt;</c>, sets that user's password (<see cref="PasswordCommand"/>) and exits.
    /// </summary>
    public static async Task<int> RunAsync(HostRole role, string[] args)
    {
        if (role != HostRole.Department && args is [AuditCommand.Name, .. var rest])
        {
            await using var tool = Build(role, rest);
            return await AuditCommand.RunAsync(tool.Services, Console.Out);
        }

        if (args is [PasswordCommand.Name, var userId, .. var options])
        {
            await using var tool = Build(role, options);
            return await PasswordCommand.RunAsync(tool.Services, userId, Console.In, Console.Out);
        }

        await Build(role, args).RunAsync();
        return 0;
    }

    /// <remarks>
    /// The content root is the folder of the host's own assembly, where the build puts its appsettings.json: started from
    /// anywhere else (the repository root, a service manager's folder) it would otherwise run without its settings.
    /// Relative data paths (<c>data/</c>) are still taken from the working directory. Settings are read at start, not
    /// watched (<see cref="AllInOneApp.ReloadConfigOnChange"/>).
    /// </remarks>
    public static WebApplication Build(HostRole role, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // First, so that the operator's own --hostBuilder:reloadConfigOnChange (the last one given wins) overrides it.
            Args = [$"--{AllInOneApp.ReloadConfigOnChange}=false", .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        _ = role switch
        {
            HostRole.Engine => builder.AddWorkflowEngineHost(),
            HostRole.Department => builder.AddWorkflowDepartmentHost(),
            _ => builder.AddWorkflowAllInOne(),
        };
        configure?.Invoke(builder);
        var app = builder.Build();
        _ = role switch
        {
            HostRole.Engine => app.MapWorkflowEngineHost(),
            HostRole.Department => app.MapWorkflowDepartmentHost(),
            _ => app.MapWorkflowAllInOne(),
        };
        return app;
    }
}
