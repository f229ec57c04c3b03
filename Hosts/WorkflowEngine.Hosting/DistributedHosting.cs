using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Inbox;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The two hosts of a distributed deployment: an engine host (citizen and administrator API, engine, outbox relay,
/// timers) and department hosts (a department's queue, its tasks in a database of its own, the clerk API), connected
/// only by the message bus.
/// </summary>
public static partial class WorkflowHosting
{
    /// <summary>
    /// The engine and its API. It serves no department's queue unless <c>Departments:Codes</c> names some: in a
    /// distributed deployment the departments run hosts (or systems) of their own.
    /// </summary>
    public static WebApplicationBuilder AddWorkflowEngineHost(this WebApplicationBuilder builder)
    {
        var reference = builder.AddWorkflowCore();
        var departments = DepartmentsOptions.From(builder.Configuration) is { Codes.Count: > 0 } named
            ? named.Resolve(reference.Departments.Keys.ToArray())
            : [];
        if (departments.Count > 0)
        {
            builder.AddDepartmentWork(DeskCalendar.MainlandOf(reference.Calendars));
            builder.Services.AddDepartmentConsumers();
        }

        builder.Services.AddSingleton(new ServedDepartments(departments));
        builder.Services.AddWorkflowMessaging(new BusTopology(ServesEngine: true, departments), HostBasics.MessagingOf(builder.Configuration)).AddEngineConsumers();
        builder.AddWorkflowApi();
        builder.AddWorkflowPages(new PageSets(Engine: true, Desk: departments.Count > 0, Users: true)).AddEnginePages();
        return builder;
    }

    public static WebApplication MapWorkflowEngineHost(this WebApplication app)
    {
        app.MapWorkflowPipeline();
        app.MapEngineEndpoints();
        if (app.Services.GetRequiredService<ServedDepartments>().Codes.Count > 0)
        {
            app.MapTasks();
        }

        app.MapWorkflowPages();

        return app;
    }
}
