using Microsoft.AspNetCore.Builder;

namespace WorkflowEngine.Hosting;

/// <summary>Builds the all-in-one application; the host's Program.cs and the end-to-end tests both start it this way.</summary>
public static class AllInOneApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddWorkflowAllInOne();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapWorkflowAllInOne();
        return app;
    }
}
