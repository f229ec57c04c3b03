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
        if (role == HostRole.Department)
        {
            return await DepartmentApp.RunAsync(args);
        }

        if (args is [AuditCommand.Name, .. var rest])
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

    /// <summary>Builds a host of <paramref name="role"/> (<see cref="HostBasics.CreateBuilder"/>: settings beside the host's assembly, not watched).</summary>
    public static WebApplication Build(HostRole role, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        if (role == HostRole.Department)
        {
            return DepartmentApp.Build(args, configure);
        }

        var builder = HostBasics.CreateBuilder(args);
        _ = role == HostRole.Engine ? builder.AddWorkflowEngineHost() : builder.AddWorkflowAllInOne();
        configure?.Invoke(builder);
        var app = builder.Build();
        _ = role == HostRole.Engine ? app.MapWorkflowEngineHost() : app.MapWorkflowAllInOne();
        return app;
    }
}
