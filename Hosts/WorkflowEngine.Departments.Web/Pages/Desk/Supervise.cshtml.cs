using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// A department's supervisor's page: its overdue (red) and at-risk (yellow) tasks, the red notices, and the requests
/// for more time waiting for an answer, approved or refused here through the same rules as the API. Where the engine
/// runs in this process, the red and yellow lists are the engine's (the same as <c>/api/departments/{code}/warnings</c>):
/// each step with the limit it is on a card against, promised or statutory, and the due times, most urgent first; and
/// the requests to extend a service's or stage's limit are decided on the engine's page for them
/// (<c>/supervision/clock-extensions</c>), where the applications are.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class SuperviseModel(
    ClerkActions clerk, ITaskQueries tasks, IDepartmentDirectory directory, ServedDepartments served, IStepCalendars calendars, DeskCalendar desk,
    IEngineWarnings? warnings = null, INoticeReads? reads = null, TimeProvider? time = null) : PageModel
{
    /// <summary>The most tasks each list shows, most urgent first; the heading counts them all.</summary>
    public const int ListLimit = 100;

    private static readonly TaskQueuePage Empty = new([], 0);

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>Open tasks an escalation rule gave the supervisors (督办), most urgent first.</summary>
    public TaskQueuePage Supervised { get; private set; } = Empty;

    /// <summary>The open tasks whose clock stands still now (补正, an excluded period), most urgent first, and how many in all.</summary>
    public TaskQueuePage Paused { get; private set; } = Empty;

    public IReadOnlyList<SupervisedWarning> Red { get; private set; } = [];

    /// <summary>How many tasks are red in all (the list shows the most urgent <see cref="ListLimit"/>).</summary>
    public int RedTotal { get; private set; }

    public IReadOnlyList<SupervisedWarning> Yellow { get; private set; } = [];

    public int YellowTotal { get; private set; }

    public IReadOnlyList<DepartmentNotice> Notices { get; private set; } = [];

    public IReadOnlyList<ExtensionRequest> Extensions { get; private set; } = [];

    /// <summary>Each waiting request's due times, now and if approved, by the request's id (none for a task no longer kept).</summary>
    public IReadOnlyDictionary<Guid, ExtensionDueTimes> DueTimes { get; private set; } = new Dictionary<Guid, ExtensionDueTimes>();

    /// <summary>Tasks whose clerk waits for a supervisor to allow a further supplement request (decided on the task's page).</summary>
    public IReadOnlyList<TaskRecord> SupplementApprovals { get; private set; } = [];

    /// <summary>The names of the people the page names, read once for it.</summary>
    public UserNames Names { get; private set; } = UserNames.None;

    /// <summary>Why the page cannot show the department (not supervised by the user, not kept here).</summary>
    public string? Problem { get; private set; }

    /// <summary>Why the rules refused the decision just tried.</summary>
    public string? Refusal { get; private set; }

    public string DepartmentName => Department is { } code && directory.Departments.TryGetValue(code, out var d) ? PageText.Current.Of(d) : "";

    public string? Error(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostApproveExtensionAsync(Guid extension, string? comment, CancellationToken cancellationToken) =>
        await AfterAsync(await clerk.DecideExtensionAsync(extension, true, new ExtensionDecisionRequest(comment), User, cancellationToken),
            "approved", $"comment-{extension}", cancellationToken);

    public async Task<IActionResult> OnPostRefuseExtensionAsync(Guid extension, string? refuseReason, CancellationToken cancellationToken) =>
        await AfterAsync(await clerk.DecideExtensionAsync(extension, false, new ExtensionDecisionRequest(refuseReason), User, cancellationToken),
            "refused", $"refuseReason-{extension}", cancellationToken);

    private async Task<IActionResult> AfterAsync<T>(ClerkOutcome<T> outcome, string done, string field, CancellationToken cancellationToken)
    {
        if (outcome.Status == TaskActionStatus.Ok && !outcome.Invalid)
        {
            return RedirectToPage(new { department = Department, done });
        }

        if (outcome.Errors is { } errors)
        {
            foreach (var message in errors.Values.SelectMany(m => m))
            {
                ModelState.AddModelError(field, DeskText.Say(message));
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Refusal = DeskText.Say(outcome.Problem!);
            Response.StatusCode = outcome.Status switch
            {
                TaskActionStatus.NotFound => StatusCodes.Status404NotFound,
                TaskActionStatus.Forbidden => StatusCodes.Status403Forbidden,
                TaskActionStatus.Unprocessable => StatusCodes.Status422UnprocessableEntity,
                _ => StatusCodes.Status409Conflict,
            };
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Department ??= User.Department() is { } own && served.Serves(own) ? own : served.Codes.FirstOrDefault(User.WorksFor);
        if (Department is null)
        {
            Problem = DeskText.Say("本机不办理您所在部门的办件。", "This host keeps no task of your department.");
            return;
        }

        var notices = await clerk.NoticesAsync(Department, null, null, User, cancellationToken);
        if (notices.Value is null)
        {
            Problem = DeskText.Say(notices.Problem!);
            if (!Response.HasStarted && Response.StatusCode == StatusCodes.Status200OK)
            {
                Response.StatusCode = notices.Status == TaskActionStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            }

            return;
        }

        Notices = notices.Value;
        if (reads is not null && User.IsInRole(Roles.Supervisor) && User.Department() == Department)
        {
            // The supervisor has the list before them: its red notices are read, for them alone.
            await reads.MarkReadAsync(Department, User.Id(), (time ?? TimeProvider.System).GetUtcNow(), cancellationToken);
        }

        Extensions = (await clerk.ExtensionsAsync(Department, "pending", "100", null, User, cancellationToken)).Value ?? [];
        DueTimes = await DueTimesAsync(cancellationToken);
        SupplementApprovals = (await clerk.SupplementApprovalsAsync(Department, "100", null, User, cancellationToken)).Value ?? [];
        Supervised = await ListAsync(new TaskQueueFilter(TaskStatuses.Open, SupervisedOnly: true), cancellationToken);
        Paused = await ListAsync(new TaskQueueFilter(TaskStatuses.Open, PausedOnly: true), cancellationToken);
        await LoadWarningsAsync(cancellationToken);
        // Everyone the page names (holders, who asked for more time or a further supplement), in one directory read.
        Names = await clerk.NamesAsync(
            Red.Concat(Yellow).Select(w => w.Task).OfType<TaskRecord>().Concat(Supervised.Tasks).Select(t => t.ClaimedBy)
                .Concat(Extensions.Select(e => e.RequestedBy))
                .Concat(SupplementApprovals.SelectMany(t => t.SupplementApprovals).Select(a => a.RequestedBy)),
            cancellationToken);
    }

    /// <summary>The red and yellow lists, most urgent first, and how many are on each.</summary>
    private async Task LoadWarningsAsync(CancellationToken cancellationToken)
    {
        if (warnings is null)
        {
            // A department host without the engine: the card each task was sent, counted and cut in SQL.
            var red = await ListAsync(new TaskQueueFilter(TaskStatuses.Open, Card: "red"), cancellationToken);
            var yellow = await ListAsync(new TaskQueueFilter(TaskStatuses.Open, Card: "yellow"), cancellationToken);
            (Red, RedTotal) = ([.. red.Tasks.Select(t => new SupervisedWarning(t, null))], red.Total);
            (Yellow, YellowTotal) = ([.. yellow.Tasks.Select(t => new SupervisedWarning(t, null))], yellow.Total);
            return;
        }

        // The engine's cards against both limits; the department's open tasks give each its link.
        var open = await tasks.QueueAsync(Department!, new TaskQueueFilter(TaskStatuses.Open), ClerkActions.MaxQueueLimit, 0, cancellationToken);
        var byStep = open.Tasks.ToLookup(t => (t.ApplicationId, t.StepId));
        var listed = (await warnings.ListAsync(Department!, null, cancellationToken))
            .Select(c => new SupervisedWarning(byStep[(c.ApplicationId, c.StepId)].FirstOrDefault(), c))
            .ToArray();
        Red = [.. listed.Where(w => w.Warning == "red").Take(ListLimit)];
        RedTotal = listed.Count(w => w.Warning == "red");
        Yellow = [.. listed.Where(w => w.Warning == "yellow").Take(ListLimit)];
        YellowTotal = listed.Count(w => w.Warning == "yellow");
    }

    /// <summary>The due times of each waiting request's task, counted on the calendar the step counts on.</summary>
    private async Task<Dictionary<Guid, ExtensionDueTimes>> DueTimesAsync(CancellationToken cancellationToken)
    {
        var dueTimes = new Dictionary<Guid, ExtensionDueTimes>();
        foreach (var extension in Extensions)
        {
            if (await tasks.GetAsync(extension.TaskId, cancellationToken) is { } task)
            {
                var calendar = task.Clock?.CalendarId is { } id ? calendars.Find(id, task.Clock.CalendarVersion, task.Clock.VersionSince ?? task.ReceivedAt) : null;
                dueTimes[extension.Id] = ExtensionDueTimes.Of(task, extension, calendar ?? desk.Current);
            }
        }

        return dueTimes;
    }

    /// <summary>The most urgent of the department's open tasks the filter matches, and how many it matches in all.</summary>
    private async Task<TaskQueuePage> ListAsync(TaskQueueFilter filter, CancellationToken cancellationToken) =>
        await tasks.QueueAsync(Department!, filter, ListLimit, 0, cancellationToken);
}
