using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The department side's part of a host that keeps departments' tasks (a department host, or the all-in-one host beside
/// the engine): its processor, the worker, the automated handlers, the clerk workbench's rules, the desk pages, and what
/// the pages every host shares read of its tasks and notices. An engine host calls none of it and carries none of it.
/// </summary>
public static class DepartmentWorkHosting
{
    /// <summary>The processor, the worker and the automated handlers the host offers, and the desk pages.</summary>
    /// <param name="queueCalendar">The host's own calendar, what its queues count "due within" on while the department side holds none.</param>
    /// <remarks>Call after the host registered the department side's stores (<see cref="ITaskQueries"/>, <see cref="INoticeReads"/>).</remarks>
    public static WebApplicationBuilder AddDepartmentWork(this WebApplicationBuilder builder, WorkingCalendar? queueCalendar)
    {
        builder.Services.AddSingleton<DepartmentProcessor>();
        // The supervisors' notices name people from the host's user directory, as its desk pages do.
        builder.Services.AddSingleton<IStaffNames, DirectoryStaffNames>();
        // The calendars the steps count on are the host's to give: a department host's copies of the engine's
        // (EngineCalendars), or beside the engine its own (InProcessCalendars, registered by AddWorkflowCore).
        // The clerk workbench's rules, which the clerk API and the desk pages share.
        builder.Services.AddSingleton(sp => new DeskCalendar(sp.GetRequiredService<IStepCalendars>(), queueCalendar));
        builder.Services.AddSingleton<ClerkActions>();
        builder.Services.AddSingleton<DepartmentWorker>();
        builder.Services.AddSingleton<IAutomatedStepHandler, DataSharingHandler>();
        builder.Services.AddSingleton<IAutomatedStepHandler, AutoApproveHandler>();
        // What the shared pages and the engine's views read of the tasks kept here: the open tasks a department has, the
        // steps a clerk holds, a supervisor's unread red notices (the header's count).
        builder.Services.AddSingleton<IDepartmentTasks>(sp => new KeptTasks(sp.GetRequiredService<ITaskQueries>()));
        builder.Services.AddSingleton<IUnreadNotices>(sp => new KeptNotices(sp.GetRequiredService<INoticeReads>()));
        // The desk pages (the queue, a task, the supervisor's page) join the pages every host has.
        builder.Services.AddRazorPages().ConfigureApplicationPartManager(manager => manager.AddPart(typeof(DepartmentWorkHosting).Assembly));
        return builder;
    }

    private sealed class KeptTasks(ITaskQueries tasks) : IDepartmentTasks
    {
        public async Task<int> CountOpenAsync(string department, int limit, CancellationToken cancellationToken) =>
            (await tasks.QueueAsync(department, new TaskQueueFilter(TaskStatuses.Open), limit, 0, cancellationToken)).Tasks.Count;

        public Task<IReadOnlyList<string>> HeldByAsync(Guid applicationId, string department, string clerk, CancellationToken cancellationToken) =>
            tasks.HeldByAsync(applicationId, department, clerk, cancellationToken);
    }

    private sealed class KeptNotices(INoticeReads reads) : IUnreadNotices
    {
        public Task<int> UnreadRedAsync(string department, string user, CancellationToken cancellationToken) =>
            reads.UnreadRedAsync(department, user, cancellationToken);
    }
}
