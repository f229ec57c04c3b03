using Microsoft.AspNetCore.Builder;
using WorkflowEngine.Hosting.Startup;

namespace WorkflowEngine.Hosting;

/// <summary>Builds a department host; its Program.cs and the end-to-end tests start it this way.</summary>
public static class DepartmentApp
{
    /// <summary>
    /// The host's command line: runs the host; or with <c>set-password &lt;user&gt;</c>, sets that user's password
    /// (<see cref="PasswordCommand"/>) and exits.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [PasswordCommand.Name, var userId, .. var options])
        {
            await using var tool = Build(options);
            return await PasswordCommand.RunAsync(tool.Services, userId, Console.In, Console.Out);
        }

        await Build(args).RunAsync();
        return 0;
    }

    /// <summary>Builds the host (<see cref="HostBasics.CreateBuilder"/>: settings beside the host's assembly, not watched).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = HostBasics.CreateBuilder(args);
        builder.AddWorkflowDepartmentHost();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapWorkflowDepartmentHost();
        return app;
    }
}
