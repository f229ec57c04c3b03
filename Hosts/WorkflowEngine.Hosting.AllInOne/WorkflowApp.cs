using Microsoft.AspNetCore.Builder;

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

/// <summary>Builds a host of any role; the all-in-one host's Program.cs and the end-to-end tests start hosts this way.</summary>
public static class WorkflowApp
{
    /// <summary>
    /// The host's command line: runs the host; or with <c>verify-audit</c> first (engine hosts), checks the database's audit
    /// trails and exits; or with <c>set-password &lt;user&gt;</c>, sets that user's password (<see cref="Startup.PasswordCommand"/>) and exits.
    /// </summary>
    public static Task<int> RunAsync(HostRole role, string[] args) => role switch
    {
        HostRole.Department => DepartmentApp.RunAsync(args),
        HostRole.Engine => EngineApp.RunAsync(args),
        _ => EngineApp.RunAsync(args, options => Build(HostRole.AllInOne, options)),
    };

    /// <summary>Builds a host of <paramref name="role"/> (<see cref="HostBasics.CreateBuilder"/>: settings beside the host's assembly, not watched).</summary>
    public static WebApplication Build(HostRole role, string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        if (role == HostRole.Department)
        {
            return DepartmentApp.Build(args, configure);
        }

        if (role == HostRole.Engine)
        {
            return EngineApp.Build(args, configure);
        }

        var builder = HostBasics.CreateBuilder(args);
        builder.AddWorkflowAllInOne();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapWorkflowAllInOne();
        return app;
    }
}
