using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// A department's queue, soonest due first, with its yellow and red cards and paused clocks; filtered by service,
/// status and "due within N working days" through a GET form, so that a filtered queue is a link a clerk can keep.
/// </summary>
[Authorize(Policy = Policies.Clerk)]
public sealed class QueueModel(ClerkActions clerk, ReferenceData reference, ServedDepartments served, TimeProvider time) : PageModel
{
    /// <summary>The most tasks the page lists: a department's open backlog, not its history.</summary>
    public const int MaxTasks = 500;

    /// <summary>The furthest "due within" a clerk may ask for, in working days.</summary>
    public const int MaxDueWithin = 60;

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DueWithin { get; set; }

    /// <summary>The departments of this host the user works for, to choose from.</summary>
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];

    /// <summary>The services of the department's tasks, to filter by.</summary>
    public IReadOnlyList<(string Id, string Title)> Services { get; private set; } = [];

    public IReadOnlyList<TaskRecord> Tasks { get; private set; } = [];

    /// <summary>Why the queue cannot be shown (another department's, not kept here).</summary>
    public string? Problem { get; private set; }

    public string DepartmentName => Department is { } code && reference.Departments.TryGetValue(code, out var d) ? PageText.Current.Of(d.Name) : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = served.Codes.Where(User.WorksFor)
            .Select(code => (code, PageText.Current.Of(reference.Departments[code].Name))).ToArray();
        Department ??= User.Department() is { } own && served.Serves(own) ? own : Departments.Count == 1 ? Departments[0].Code : null;
        if (Department is null)
        {
            // Several departments (an administrator): the page asks which one.
            return Page();
        }

        Status ??= TaskStatuses.Open;
        if (DueWithin is < 0 or > MaxDueWithin)
        {
            ModelState.AddModelError(nameof(DueWithin), DeskText.Say(
                $"到期工作日数应在 0 至 {MaxDueWithin} 之间", $"Due within must be between 0 and {MaxDueWithin} working days"));
            return Page();
        }

        var outcome = await clerk.QueueAsync(Department, Status, MaxTasks, 0, User, cancellationToken);
        if (outcome.Errors is { } errors)
        {
            ModelState.AddModelError(nameof(Status), DeskText.Say(errors.Values.First()[0]));
            return Page();
        }

        if (outcome.Value is not { } tasks)
        {
            Problem = DeskText.Say(outcome.Problem!);
            Response.StatusCode = outcome.Status == TaskActionStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            return Page();
        }

        Services = tasks.Select(t => (t.ServiceId, t.ServiceTitle)).Distinct().OrderBy(s => s.ServiceId, StringComparer.Ordinal).ToArray();
        var dueBy = DueWithin is { } days ? CalendarOf().AddWorkingDays(time.GetUtcNow(), days) : (DateTimeOffset?)null;
        Tasks = tasks
            .Where(t => string.IsNullOrEmpty(Service) || t.ServiceId == Service)
            .Where(t => dueBy is null || t.DueAt <= dueBy)
            .ToArray();
        return Page();
    }

    /// <summary>The calendar the department counts working days by: the mainland's, which every shipped service uses.</summary>
    private WorkingCalendar CalendarOf() =>
        reference.Calendars.TryGetValue("cn-mainland", out var calendar) ? calendar : reference.Calendars.Values.First();
}
