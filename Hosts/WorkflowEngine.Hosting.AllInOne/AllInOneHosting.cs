using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The all-in-one host's <c>AddX()/MapX()</c>: the engine host's wiring (<see cref="WorkflowHosting"/>) and the department
/// side's (<see cref="DepartmentWorkHosting.AddDepartmentWork"/>, the clerk API and desk) in one process over one database.
/// </summary>
public static class AllInOneHosting
{
    /// <summary>Everything in one process: engine, every department's queue and handlers, the API; SQLite and the in-memory bus.</summary>
    public static WebApplicationBuilder AddWorkflowAllInOne(this WebApplicationBuilder builder)
    {
        var reference = builder.AddWorkflowCore();
        var services = builder.Services;
        // One database for both sides: the department side keeps no copy of the forms, it reads the engine's.
        services.AddSingleton<IDepartmentStore>(sp => new SqlDepartmentStore(
            sp.GetRequiredService<Database>(), sp.GetRequiredService<CommittedOutbox>(), FormStorage.SharedWithEngine));
        services.AddSingleton<ITaskQueries>(sp => new SqlTaskQueries(sp.GetRequiredService<Database>(), FormStorage.SharedWithEngine));
        services.AddSingleton<INoticeReads>(sp => new SqlNoticeReads(sp.GetRequiredService<Database>()));
        // What the department side's work in this process counts a step's working time on: the engine's own calendars.
        services.AddSingleton<IStepCalendars, InProcessCalendars>();
        // The supervisor's desk page reads the engine's clock cards directly, the engine being in the same process.
        services.AddSingleton<IEngineWarnings>(sp => sp.GetRequiredService<DepartmentWarnings>());
        builder.AddDepartmentWork(DeskCalendar.MainlandOf(reference.Calendars));
        var departments = DepartmentsOptions.From(builder.Configuration).Resolve(reference.Departments.Keys.ToArray());
        services.AddSingleton(new ServedDepartments(departments));
        services.AddWorkflowMessaging(new BusTopology(ServesEngine: true, departments), HostBasics.MessagingOf(builder.Configuration))
            .AddEngineConsumers()
            .AddDepartmentConsumers();
        builder.AddWorkflowApi();
        builder.AddWorkflowPages(new PageSets(Engine: true, Desk: true, Users: true)).AddEnginePages();
        return builder;
    }

    public static WebApplication MapWorkflowAllInOne(this WebApplication app)
    {
        app.MapWorkflowPipeline();
        app.MapEngineEndpoints();
        app.MapTasks();
        app.MapWorkflowPages();
        return app;
    }
}
