using Microsoft.AspNetCore.Builder;
using WorkflowEngine.Hosting.Startup;

namespace WorkflowEngine.Hosting;

/// <summary>Builds the all-in-one application; the host's Program.cs and the end-to-end tests both start it this way.</summary>
public static class AllInOneApp
{
    /// <summary>
    /// The setting that makes ASP.NET Core watch appsettings.json for changes. It watches the whole content root, with
    /// every folder under it; when the host was started from its own folder that held its database and uploads
    /// (<c>data/</c>), and every write of the database's log and every upload woke the watcher, which then looked the
    /// file up, 4.5 % of the CPU under load. Settings are read at start, then; <c>--hostBuilder:reloadConfigOnChange=true</c>
    /// turns watching on.
    /// </summary>
    public const string ReloadConfigOnChange = "hostBuilder:reloadConfigOnChange";

    /// <summary>The host's command line: runs the host, or with <c>verify-audit</c> first, checks the database's audit trails and exits.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [AuditCommand.Name, .. var rest])
        {
            await using var tool = Build(rest);
            return await AuditCommand.RunAsync(tool.Services, Console.Out);
        }

        await Build(args).RunAsync();
        return 0;
    }

    /// <remarks>
    /// The content root is the folder of the host's own assembly, where the build puts its appsettings.json: started from
    /// anywhere else (the repository root, a service manager's folder) it would otherwise run without its settings.
    /// Relative data paths (<c>data/</c>) are still taken from the working directory.
    /// </remarks>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // First, so that the operator's own --hostBuilder:reloadConfigOnChange (the last one given wins) overrides it.
            Args = [$"--{ReloadConfigOnChange}=false", .. args],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddWorkflowAllInOne();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapWorkflowAllInOne();
        return app;
    }
}
