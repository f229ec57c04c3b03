using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The engine host of a distributed deployment (citizen and administrator API, engine, outbox relay, timers); department
/// hosts (a department's queue, its tasks in a database of its own, the clerk API; DepartmentHosting) reach it only by the
/// message bus and its HTTP API.
/// </summary>
public static partial class WorkflowHosting
{
    /// <summary>
    /// The engine and its API, serving no department's queue: in a distributed deployment the departments run hosts (or
    /// systems) of their own, and the engine host composes nothing of the department side (no department worker, consumer, store or desk).
    /// </summary>
    public static WebApplicationBuilder AddWorkflowEngineHost(this WebApplicationBuilder builder)
    {
        RefuseDepartmentCodes(builder.Configuration);
        builder.AddWorkflowCore();
        builder.Services.AddSingleton(new ServedDepartments([]));
        builder.Services.AddWorkflowMessaging(new BusTopology(ServesEngine: true, []), HostBasics.MessagingOf(builder.Configuration)).AddEngineConsumers();
        builder.AddWorkflowApi();
        builder.AddWorkflowPages(new PageSets(Engine: true, Desk: false, Users: true)).AddEnginePages();
        return builder;
    }

    public static WebApplication MapWorkflowEngineHost(this WebApplication app)
    {
        app.MapWorkflowPipeline();
        app.MapEngineEndpoints();
        app.MapWorkflowPages();
        return app;
    }

    /// <summary>
    /// An engine host given departments to serve would otherwise start and leave their queues unread: the operator meant a
    /// department host, or the all-in-one host, which serves the departments it names beside the engine.
    /// </summary>
    private static void RefuseDepartmentCodes(ConfigurationManager configuration)
    {
        var codes = configuration.GetSection("Departments:Codes");
        if (!string.IsNullOrWhiteSpace(codes.Value) || codes.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)))
        {
            throw new InvalidOperationException(
                "Departments:Codes is set, but an engine host serves no department's queue. Serve the departments with a department host "
                + "(WorkflowEngine.DepartmentHost --Departments:Codes=…), or run the engine and those departments in one process with the "
                + "all-in-one host (WorkflowEngine.AllInOne --Departments:Codes=…); then leave Departments:Codes out of the engine host's settings.");
        }
    }
}
