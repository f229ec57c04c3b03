using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using WorkflowEngine.DataFiles;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Pages;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Inbox;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The composition of a department host: its departments' queues, tasks, clerk API and pages, with its users. It reads
/// its own departments and calendars with the data files' reader and reaches nothing of the engine's definition reader
/// (DependencyDirectionTests holds it to that).
/// </summary>
public static class DepartmentHosting
{
    /// <summary>
    /// A department host: the queues of <c>Departments:Codes</c> (a list, or <c>*</c>), the automated handlers, the tasks
    /// and the forms they need in a database of its own, an outbox for its reports, and the clerk API for its departments.
    /// No interpreter, no definitions, no applications.
    /// </summary>
    public static WebApplicationBuilder AddWorkflowDepartmentHost(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The department's tables only: nothing of the engine's schema in a department's database.
        var (definitionsPath, dialect) = builder.AddHostBasics(DatabaseSchema.Department);
        var options = DepartmentsOptions.From(builder.Configuration);
        if (options.Codes.Count == 0)
        {
            throw new InvalidOperationException(
                "A department host needs Departments:Codes: the departments whose queues it serves (e.g. --Departments:Codes=PSB,TAX), or * for all.");
        }

        // The host's own files say which departments there are (so * and an unknown code are settled before the bus
        // starts, whether or not the engine answers) and give their names and the queues' calendar until the engine's
        // arrive; nothing of the department side reads them after this.
        // They are read with the data files' reader, not the engine's definition reader (DependencyDirectionTests).
        var own = ReferenceFiles.Read(definitionsPath);
        var departments = options.Resolve([.. own.Departments.Select(d => d.Code)]);
        services.AddSingleton(new ServedDepartments(departments));
        services.AddSingleton<IDepartmentDirectory>(new DepartmentDirectory(own.Departments.Select(d => d.ToDirectory())));
        // A database of its own: the host keeps one copy of each application's form beside the tasks.
        services.AddSingleton<IDepartmentStore>(sp => new SqlDepartmentStore(
            sp.GetRequiredService<Database>(), sp.GetRequiredService<CommittedOutbox>(), FormStorage.PerApplication));
        services.AddSingleton<ITaskQueries>(sp => new SqlTaskQueries(sp.GetRequiredService<Database>(), FormStorage.PerApplication));
        services.AddSingleton<INoticeReads>(sp => new SqlNoticeReads(sp.GetRequiredService<Database>()));
        services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        services.AddSingleton<IDirectoryStore, SqlDirectoryStore>();
        services.DecorateForSessionChecks<IDirectoryStore>((inner, checks) => new SessionCheckedDirectoryStore(inner, checks));
        services.AddSingleton<IFailedMessageStore, SqlFailedMessageStore>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<CommittedOutbox>();
        services.AddSingleton<DeliveryReceipts>();
        services.AddSingleton<SqlDepartmentAccessLog>();
        services.AddSingleton<IDepartmentAccessLog>(sp => sp.GetRequiredService<SqlDepartmentAccessLog>());
        services.AddSingleton<IAccessLog>(sp => sp.GetRequiredService<SqlDepartmentAccessLog>());
        services.AddHttpClient(nameof(EngineMaterials), http => AtEngine(http, TimeSpan.FromMinutes(2)));
        services.AddSingleton(sp => new EngineMaterials(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EngineMaterials)), options.EngineToken));
        // The working calendars come from the engine too; the department work below takes them instead of the in-process ones.
        services.AddHttpClient(nameof(EngineCalendars), http => AtEngine(http, TimeSpan.FromSeconds(30)));
        services.AddSingleton(sp => new EngineCalendars(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EngineCalendars)), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EngineCalendars>>()));
        services.AddSingleton<IStepCalendars>(sp => sp.GetRequiredService<EngineCalendars>());
        services.AddHostedService(sp => sp.GetRequiredService<EngineCalendars>());
        // And the department names, so that a rename at the engine shows here too.
        if (Uri.TryCreate(options.EngineUrl, UriKind.Absolute, out _))
        {
            services.AddHttpClient(nameof(EngineDepartmentNames), http => AtEngine(http, TimeSpan.FromSeconds(30)));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<EngineDepartmentNames>(
                sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EngineDepartmentNames))));
            services.AddHostedService(sp => sp.GetRequiredService<EngineDepartmentNames>());
        }

        // /health says whether that link works: the engine answers and accepts the token (see EngineLinkHealthCheck).
        if (!string.IsNullOrWhiteSpace(options.EngineUrl))
        {
            services.AddHttpClient(nameof(EngineLinkHealthCheck), http => AtEngine(http, TimeSpan.FromSeconds(5)));
            services.AddSingleton(sp => new EngineLinkHealthCheck(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(EngineLinkHealthCheck)), options.EngineToken,
                sp.GetRequiredService<ServedDepartments>(), sp.GetRequiredService<TimeProvider>()));
            services.AddHealthChecks().Add(new HealthCheckRegistration(
                EngineLinkHealthCheck.Name, sp => sp.GetRequiredService<EngineLinkHealthCheck>(), HealthStatus.Degraded, ["engine"]));
        }

        services.AddSingleton<DepartmentStartupTasks>();
        services.AddHostedService(sp => sp.GetRequiredService<DepartmentStartupTasks>());
        services.AddHostedService<OutboxRelay>();
        services.AddSingleton<IInboxStore, SqlInboxStore>();
        services.AddHostedService<InboxPruner>();
        services.AddDialectServices(dialect);

        builder.AddDepartmentWork(DeskCalendar.MainlandOf(own.WorkingCalendars()));
        services.AddWorkflowMessaging(new BusTopology(ServesEngine: false, departments), HostBasics.MessagingOf(builder.Configuration)).AddDepartmentConsumers();
        services.AddSingleton(UserScope.DepartmentHost(departments));
        builder.AddWorkflowApi();
        builder.AddWorkflowPages(new PageSets(Engine: false, Desk: true, Users: true));
        return builder;

        void AtEngine(HttpClient http, TimeSpan timeout)
        {
            if (Uri.TryCreate(options.EngineUrl, UriKind.Absolute, out var address))
            {
                http.BaseAddress = address;
            }

            http.Timeout = timeout;
        }
    }

    public static WebApplication MapWorkflowDepartmentHost(this WebApplication app)
    {
        app.MapWorkflowPipeline();
        // A clerk who types the host's address into a browser arrives at their queue; a script reads what the host serves.
        app.MapGet("/", (HttpRequest request, ServedDepartments served) => PlainPage.AcceptsHtml(request) ? Results.Redirect("/desk") : Results.Ok(new
        {
            name = "WorkflowEngine 部门办件",
            departments = served.Codes,
            openApi = "/openapi/v1.json",
            health = "/health",
        })).ExcludeFromDescription();
        app.MapDepartmentHealth();
        app.MapDepartmentList();
        app.MapTasks();
        app.MapTaskMaterials();
        app.MapFailedMessages();
        app.MapDepartmentAccessLog();
        // Its clerks, supervisors and administrators are in its own database, so its administrators manage them here.
        app.MapUserAdministration();
        app.MapAdminChanges();
        app.MapWorkflowPages();
        return app;
    }

}
