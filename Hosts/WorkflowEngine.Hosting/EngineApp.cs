using Microsoft.AspNetCore.Builder;
using WorkflowEngine.Hosting.Startup;

namespace WorkflowEngine.Hosting;

/// <summary>Builds the engine host of a distributed deployment; its Program.cs and the end-to-end tests start it this way.</summary>
public static class EngineApp
{
    /// <summary>
    /// The host's command line: runs the host; or with <c>verify-audit</c> first, checks the database's audit trails and exits;
    /// or with <c>set-password &lt;user&gt;</c>, sets that user's password (<see cref="PasswordCommand"/>) and exits.
    /// </summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, options => Build(options));

    /// <summary>The command line of a host that runs the engine, the all-in-one host's too: <paramref name="build"/> builds the host.</summary>
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplication> build)
    {
        if (args is [AuditCommand.Name, .. var rest])
        {
            await using var tool = build(rest);
            return await AuditCommand.RunAsync(tool.Services, Console.Out);
        }

        if (args is [PasswordCommand.Name, var userId, .. var options])
        {
            await using var tool = build(options);
            return await PasswordCommand.RunAsync(tool.Services, userId, Console.In, Console.Out);
        }

        await build(args).RunAsync();
        return 0;
    }

    /// <summary>Builds the engine host (<see cref="HostBasics.CreateBuilder"/>: settings beside the host's assembly, not watched).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = HostBasics.CreateBuilder(args);
        builder.AddWorkflowEngineHost();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapWorkflowEngineHost();
        return app;
    }
}
