using Microsoft.AspNetCore.Builder;

namespace WorkflowEngine.Hosting;

/// <summary>Builds the all-in-one application; the host's Program.cs and the end-to-end tests both start it this way.</summary>
public static class AllInOneApp
{
    /// <inheritdoc cref="HostBasics.ReloadConfigOnChange"/>
    public const string ReloadConfigOnChange = HostBasics.ReloadConfigOnChange;

    /// <summary>The host's command line: runs the host, or with <c>verify-audit</c> first, checks the database's audit trails and exits.</summary>
    public static Task<int> RunAsync(string[] args) => WorkflowApp.RunAsync(HostRole.AllInOne, args);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        WorkflowApp.Build(HostRole.AllInOne, args, configure);
}
