using Microsoft.AspNetCore.Builder;

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
    public static Task<int> RunAsync(string[] args) => WorkflowApp.RunAsync(HostRole.AllInOne, args);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        WorkflowApp.Build(HostRole.AllInOne, args, configure);
}
