using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using WorkflowEngine.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Hosting.Api.ClockExtensions;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Startup;
using WorkflowEngine.Messaging.Configuration;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Calendars;
using WorkflowEngine.Runtime.Compliance;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Incidents;
using WorkflowEngine.Runtime.Materials;
using WorkflowEngine.Runtime.Monitoring;
using WorkflowEngine.Runtime.Inbox;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Statistics;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting;

/// <summary>The <c>AddX()/MapX()</c> wiring the hosts share.</summary>
public static partial class WorkflowHosting
{
    /// <summary>Everything in one process: engine, every department's queue and handlers, the API; SQLite and the in-memory bus.</summary>
    public static WebApplicationBuilder AddWorkflowAllInOne(this WebApplicationBuilder builder)
    {
        var reference = builder.AddWorkflowCore();
        builder.AddDepartmentWork(DeskCalendar.MainlandOf(reference.Calendars));
        var departments = DepartmentsOptions.From(builder.Configuration).Resolve(reference.Departments.Keys.ToArray());
        builder.Services.AddSingleton(new ServedDepartments(departments));
        builder.Services.AddWorkflowMessaging(new BusTopology(ServesEngine: true, departments), MessagingOf(builder.Configuration))
            .AddEngineConsumers()
            .AddDepartmentConsumers();
        builder.AddWorkflowApi();
        builder.AddWorkflowPages(new PageSets(Engine: true, Desk: true, Users: true));
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

    /// <summary>What every host runs each request through, in this order.</summary>
    public static WebApplication MapWorkflowPipeline(this WebApplication app)
    {
        // Before anything reads the client's address or the scheme: behind a trusted proxy they are the client's.
        if (app.Services.GetService<ForwardedHeadersOptions>() is { } forwarded)
        {
            app.UseForwardedHeaders(forwarded);
        }

        // First, so that every response has the headers, whatever part of the pipeline writes it.
        app.UseSecurityHeaders();
        app.UseProblemResponses();
        app.UseUtf8Paths();
        app.UseRouting();
        app.UseAuthentication();
        // After sign-in, so that the limits are per user; before authorization, so that refused callers count too.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyGuard>();
        // After the body's bound is set, since a form post's token is read from its body.
        app.UseMiddleware<SessionAntiforgery>();
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            // The API reference, from the package's own script: no fonts from its CDN, no telemetry, nothing from outside.
            app.MapScalarApiReference(SecurityHeaders.ReferencePath, o => o
                    .WithTitle("WorkflowEngine API")
                    .DisableDefaultFonts()
                    .DisableTelemetry())
                .AllowAnonymous();
        }

        app.MapWorkflowSignIn();
        return app;
    }

    /// <summary>The engine's API: services, applications, definitions, calendars, incidents, failed messages, health. The root is the pages' catalogue.</summary>
    private static WebApplication MapEngineEndpoints(this WebApplication app)
    {
        app.MapHealth();
        app.MapDepartmentList();
        app.MapServiceAccount();
        app.MapServices();
        app.MapApplications();
        app.MapWindow();
        app.MapCommitments();
        app.MapWithdrawals();
        app.MapClockExtensions();
        app.MapDefinitions();
        app.MapCalendars();
        app.MapIncidents();
        app.MapFailedMessages();
        app.MapStatistics();
        app.MapComplianceMismatches();
        app.MapWarnings();
        app.MapLateClocks();
        app.MapUserAdministration();
        app.MapDepartmentAdministration();
        app.MapAdminChanges();
        return app;
    }

    /// <summary>Options, reference data, the interpreter, persistence and the engine's shell.</summary>
    public static ReferenceData AddWorkflowCore(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var (definitionsPath, dialect) = builder.AddHostBasics();
        // The engine owns the departments and calendars of its definitions folder; the pages and APIs that show a
        // department's name, the engine's and the department side's alike, read them through the department directory.
        var reference = ReferenceData.Load(definitionsPath);
        services.AddSingleton(reference);
        services.AddSingleton<IDepartmentDirectory>(new ReferenceDepartments(reference));
        services.AddSingleton(sp => BuiltInActivities.CreateRegistry(sp.GetServices<IActivity>()));
        services.AddSingleton<WorkflowInterpreter>();
        services.AddSingleton(sp => new DefinitionLoader(sp.GetRequiredService<ActivityRegistry>(), reference.ValidationEnvironment));

        services.AddSingleton<IEngineStore, SqlEngineStore>();
        // One database for both sides: the department side keeps no copy of the forms, it reads the engine's.
        services.AddSingleton<IDepartmentStore>(sp => new SqlDepartmentStore(
            sp.GetRequiredService<Database>(), sp.GetRequiredService<CommittedOutbox>(), FormStorage.SharedWithEngine));
        services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        services.AddSingleton<ITimerStore, SqlTimerStore>();
        services.AddSingleton<IDefinitionStore, SqlDefinitionStore>();
        services.AddSingleton<IApplicationQueries, SqlApplicationQueries>();
        services.AddSingleton<IClockExtensionQueries, SqlClockExtensionQueries>();
        services.AddSingleton<IOpenClockStore, SqlOpenClockStore>();
        services.AddSingleton<OpenClockBackfill>();
        services.AddSingleton<ITaskQueries>(sp => new SqlTaskQueries(sp.GetRequiredService<Database>(), FormStorage.SharedWithEngine));
        services.AddSingleton<INoticeReads>(sp => new SqlNoticeReads(sp.GetRequiredService<Database>()));
        services.AddSingleton<IDirectoryStore, SqlDirectoryStore>();
        services.AddSingleton<IIncidentQueries, SqlIncidentQueries>();
        services.AddSingleton<IComplianceQueries, SqlComplianceQueries>();
        services.AddSingleton<IComplianceRollupQueries, SqlComplianceRollupQueries>();
        services.AddSingleton<ComplianceStatistics>();
        services.AddSingleton<IComplianceMismatchQueries, SqlComplianceMismatchQueries>();
        services.AddSingleton<IStepReportQueries, SqlStepReportQueries>();
        services.AddSingleton<IStuckWorkQueries, SqlStuckWorkQueries>();
        // One process owns an SQLite file: it follows the waiting steps in memory; a shared database indexes them.
        services.AddSingleton<IWaitingSteps>(sp => sp.GetRequiredService<Database>().Dialect.SingleWriter
            ? new TrackedWaitingSteps(sp.GetRequiredService<IStuckWorkQueries>())
            : new IndexedWaitingSteps(sp.GetRequiredService<IStuckWorkQueries>()));
        services.AddSingleton<IFailedMessageStore, SqlFailedMessageStore>();
        services.AddSingleton<IAuditStore, SqlAuditStore>();
        services.AddSingleton<ICalendarYearStore, SqlCalendarYearStore>();
        services.AddSingleton<CalendarUpdates>();
        services.AddSingleton<IBlobStore>(sp => new FileBlobStore(sp.GetRequiredService<IOptions<EngineOptions>>().Value.BlobPath));

        services.AddSingleton<DefinitionRegistry>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<CommittedOutbox>();
        services.AddSingleton<DeliveryReceipts>();
        services.AddSingleton<TimerSignal>();
        services.AddSingleton<EngineMetrics>();
        services.AddSingleton<EngineProcessor>();
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<CommitmentService>();
        services.AddSingleton<WithdrawalService>();
        services.AddSingleton<ClockExtensionService>();
        services.AddSingleton<ClockExtensionActions>();
        services.AddSingleton<IAccessLog, EngineAccessLog>();
        services.AddSingleton<ApplicationViews>();
        services.AddSingleton<WindowSubmissions>();
        services.AddSingleton<ClockViews>();
        services.AddSingleton<DepartmentWarnings>();
        services.AddSingleton<LateClocks>();

        // Migrations and seeding run first: hosted services start in registration order, before the bus.
        services.AddSingleton<StartupTasks>();
        services.AddHostedService(sp => sp.GetRequiredService<StartupTasks>());
        services.AddHostedService<OutboxRelay>();
        services.AddSingleton<IInboxStore, SqlInboxStore>();
        services.AddHostedService<InboxPruner>();
        services.AddHostedService<TimerPoller>();
        services.AddSingleton<StuckWorkMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<StuckWorkMonitor>());
        services.AddDialectServices(dialect);
        if (!dialect.SingleWriter)
        {
            // Other engine processes may share the database: a holiday arrangement one of them loads, or a department
            // an administrator renames there, reaches this one too.
            services.AddHostedService<CalendarYearFollower>();
            services.AddSingleton<DepartmentNameFollower>();
            services.AddHostedService(sp => sp.GetRequiredService<DepartmentNameFollower>());
        }

        return reference;
    }

    /// <summary>A department host's part: its processor, the worker and the automated handlers it offers.</summary>
    /// <param name="queueCalendar">The host's own calendar, what its queues count "due within" on while the department side holds none.</param>
    public static WebApplicationBuilder AddDepartmentWork(this WebApplicationBuilder builder, WorkingCalendar? queueCalendar)
    {
        builder.Services.AddSingleton<DepartmentProcessor>();
        // A department host has registered its copies of the engine's calendars; beside the engine, the engine's own.
        builder.Services.TryAddSingleton<IStepCalendars, InProcessCalendars>();
        // The clerk workbench's rules, which the clerk API and the desk pages share.
        builder.Services.AddSingleton(sp => new DeskCalendar(sp.GetRequiredService<IStepCalendars>(), queueCalendar));
        builder.Services.AddSingleton<ClerkActions>();
        builder.Services.AddSingleton<DepartmentWorker>();
        builder.Services.AddSingleton<IAutomatedStepHandler, DataSharingHandler>();
        builder.Services.AddSingleton<IAutomatedStepHandler, AutoApproveHandler>();
        return builder;
    }

    /// <summary>The REST API: identity, problem details, OpenAPI, request limits, rate limits.</summary>
    public static WebApplicationBuilder AddWorkflowApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<RequestLimits>(builder.Configuration.GetSection("Limits"));
        services.Configure<RateLimitSettings>(builder.Configuration.GetSection("RateLimits"));
        services.AddWorkflowRateLimits();
        if (ReverseProxy.From(builder.Configuration) is { } forwarded)
        {
            services.AddSingleton(forwarded);
        }

        builder.AddWorkflowSignIn().AddSignInWeb();
        services.AddProblemDetails();
        services.AddOpenApi();
        // Every endpoint reads at most a JSON body's bound unless it declares another (RequestBodyGuard raises it for
        // uploads and definitions); and the server does not name itself.
        var jsonBodyBytes = builder.Configuration.GetSection("Limits").Get<RequestLimits>()?.JsonBodyBytes ?? new RequestLimits().JsonBodyBytes;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = jsonBodyBytes;
            k.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>
    /// What every host needs: its options, the definitions folder (resolved, not read: each host reads what it needs of
    /// it), the clock, and the database. The provider is chosen before anything is registered, so that an unknown one stops the
    /// host at once with a clear message, and the SQLite-only log checkpointer is not registered for another database.
    /// </summary>
    internal static (string DefinitionsPath, ISqlDialect Dialect) AddHostBasics(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var engineSection = builder.Configuration.GetSection("Engine");
        var definitionsPath = InstallationPaths.ResolveDefinitions(
            engineSection["DefinitionsPath"] ?? new EngineOptions().DefinitionsPath,
            builder.Environment.ContentRootPath);
        services.Configure<EngineOptions>(engineSection);
        services.PostConfigure<EngineOptions>(o =>
        {
            o.DefinitionsPath = definitionsPath;
            o.BlobPath = Path.GetFullPath(o.BlobPath);
        });
        services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
        services.Configure<MessagingOptions>(builder.Configuration.GetSection("Messaging"));
        services.Configure<InboxOptions>(builder.Configuration.GetSection("Messaging"));
        services.TryAddSingleton(ShiftedTimeProvider.From(builder.Configuration, builder.Environment));

        var dialect = SqlDialects.ByName(builder.Configuration.GetSection("Database").Get<DatabaseOptions>()?.Provider ?? new DatabaseOptions().Provider);
        services.AddSingleton(sp => CreateDatabase(dialect, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        // /health reports the database through the AspNetCore.HealthChecks package of its provider (and the bus through
        // MassTransit's own checks, which follow the broker connection the host uses).
        var checks = services.AddHealthChecks();
        var tags = new[] { "database" };
        _ = dialect switch
        {
            SqliteDialect => checks.AddSqlite(
                InstallationPaths.AbsoluteSqlite(builder.Configuration.GetSection("Database").Get<DatabaseOptions>()?.ConnectionString ?? new DatabaseOptions().ConnectionString),
                healthQuery: "SELECT 1", name: "sqlite", tags: tags),
            PostgreSqlDialect => checks.AddNpgSql(sp => sp.GetRequiredService<Database>().ConnectionString, name: "postgresql", tags: tags),
            _ => checks.AddSqlServer(sp => sp.GetRequiredService<Database>().ConnectionString, name: "sqlserver", tags: tags),
        };
        return (definitionsPath, dialect);
    }

    /// <summary>SQLite's log checkpointer, after the startup tasks that migrate the database (hosted services start in order).</summary>
    internal static void AddDialectServices(this IServiceCollection services, ISqlDialect dialect)
    {
        if (dialect.CheckpointSql is not null)
        {
            services.AddHostedService<LogCheckpointer>();
        }
    }

    private static Database CreateDatabase(ISqlDialect dialect, DatabaseOptions options)
    {
        if (dialect is SqliteDialect)
        {
            return new Database(dialect, InstallationPaths.AbsoluteSqlite(options.ConnectionString));
        }

        try
        {
            // Parsed here, so that a string meant for another database is refused before the first connection tries it.
            using var probe = dialect.CreateConnection(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException(
                $"Database:ConnectionString is not a {dialect.Name} connection string ({ex.Message}). Set --Database:ConnectionString=… for Database:Provider={dialect.Name}.", ex);
        }

        return new Database(dialect, options.ConnectionString);
    }
}
