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
using WorkflowEngine.Hosting.Api.Ratings;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Hosting.Api.ClockExtensions;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Notifications;
using WorkflowEngine.Hosting.Registration;
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
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting;

/// <summary>The <c>AddX()/MapX()</c> wiring the hosts share.</summary>
public static partial class WorkflowHosting
{
    /// <summary>The engine's API: services, applications, definitions, calendars, incidents, failed messages, health. The root is the pages' catalogue.</summary>
    public static WebApplication MapEngineEndpoints(this WebApplication app)
    {
        app.MapHealth();
        app.MapDepartmentList();
        app.MapServiceAccount();
        app.MapServices();
        app.MapApplications();
        app.MapWindow();
        app.MapCommitments();
        app.MapWithdrawals();
        app.MapApplicantLanguage();
        app.MapRatings();
        app.MapClockExtensions();
        app.MapDefinitions();
        app.MapCalendars();
        app.MapIncidents();
        app.MapFailedMessages();
        app.MapNotificationDeliveries();
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
        // Every table, the engine's and the department side's: the all-in-one keeps both in one database.
        var (definitionsPath, dialect) = builder.AddHostBasics(DatabaseSchema.Engine);
        // The engine owns the departments and calendars of its definitions folder; the pages and APIs that show a
        // department's name, the engine's and the department side's alike, read them through the department directory.
        var reference = ReferenceData.Load(definitionsPath);
        services.AddSingleton(reference);
        services.AddSingleton<IDepartmentDirectory>(new ReferenceDepartments(reference));
        services.AddSingleton(sp => BuiltInActivities.CreateRegistry(sp.GetServices<IActivity>()));
        services.AddSingleton<WorkflowInterpreter>();
        services.AddSingleton(sp => new DefinitionLoader(sp.GetRequiredService<ActivityRegistry>(), reference.ValidationEnvironment));

        services.AddSingleton<IEngineStore, SqlEngineStore>();
        services.AddSingleton<IOutboxStore, SqlOutboxStore>();
        services.AddSingleton<ITimerStore, SqlTimerStore>();
        services.AddSingleton<IDefinitionStore, SqlDefinitionStore>();
        services.AddSingleton<IApplicationQueries, SqlApplicationQueries>();
        services.AddSingleton<IClockExtensionQueries, SqlClockExtensionQueries>();
        services.AddSingleton<IOpenClockStore, SqlOpenClockStore>();
        services.AddSingleton<OpenClockBackfill>();
        services.AddSingleton<IDirectoryStore, SqlDirectoryStore>();
        services.DecorateForSessionChecks<IDirectoryStore>((inner, checks) => new SessionCheckedDirectoryStore(inner, checks));
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
        services.AddSingleton<IRatingStore, SqlRatingStore>();
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
        services.AddSingleton<RatingService>();
        services.AddSingleton<ClockExtensionService>();
        services.AddSingleton<ClockExtensionActions>();
        services.AddSingleton<IAccessLog, EngineAccessLog>();
        services.AddSingleton<ApplicationViews>();
        services.AddSingleton<WindowSubmissions>();
        services.AddSingleton<QueryCodeReissues>();
        services.AddSingleton<TrackingLookupLimiter>();
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
        builder.AddApplicantNotifications();
        builder.AddSelfRegistration();
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

}
