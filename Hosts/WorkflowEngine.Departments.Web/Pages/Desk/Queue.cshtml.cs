using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Hosting.Distributed;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// A department's queue a page at a time, most urgent first (red, yellow, escalated, soonest due; finished tasks newest
/// first), with its yellow and red cards and paused clocks; filtered by service, status and "due within N working days",
/// and searched by tracking number or applicant's name, through a GET form, so that a filtered queue, and each of its
/// pages, is a link a clerk can keep.
/// </summary>
[Authorize(Policy = Policies.Clerk)]
public sealed class QueueModel(ClerkActions clerk, ITaskQueries queries, IDepartmentDirectory directory, ServedDepartments served) : PageModel
{
    /// <summary>The tasks one page lists.</summary>
    public const int PageSize = 50;

    /// <summary>The furthest "due within" a clerk may ask for, in working days.</summary>
    public const int MaxDueWithin = ClerkActions.MaxDueWithin;

    /// <summary>The longest search a clerk may type.</summary>
    public const int MaxSearch = ClerkActions.MaxSearch;

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? DueWithin { get; set; }

    /// <summary>What the clerk typed to find a task: a tracking number, whole or its beginning, or part of the applicant's name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    /// <summary>The departments of this host the user works for, to choose from.</summary>
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];

    /// <summary>The services of the department's tasks, to filter by.</summary>
    public IReadOnlyList<(string Id, string Title, string? TitleEn)> Services { get; private set; } = [];

    public IReadOnlyList<TaskRecord> Tasks { get; private set; } = [];

    /// <summary>The names of the clerks holding the listed tasks, read once for the page.</summary>
    public UserNames Names { get; private set; } = UserNames.None;

    /// <summary>How many tasks the filter matches in all.</summary>
    public int Total { get; private set; }

    public Paging Range { get; private set; } = new(PageSize, 0);

    /// <summary>Why the queue cannot be shown (another department's, not kept here).</summary>
    public string? Problem { get; private set; }

    public string DepartmentName => Department is { } code && directory.Departments.TryGetValue(code, out var d) ? PageText.Current.Of(d) : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = served.Codes.Where(User.WorksFor)
            .Select(code => (code, PageText.Current.Of(directory.Departments[code]))).ToArray();
        Department ??= User.Department() is { } own && served.Serves(own) ? own : Departments.Count == 1 ? Departments[0].Code : null;
        if (Department is null)
        {
            // Several departments (an administrator): the page asks which one.
            return Page();
        }

        Status ??= TaskStatuses.Open;
        // An offset typed into the address bar past either end shows the first page, not an error.
        Range = new Paging(PageSize, Math.Max(Offset ?? 0, 0));
        var outcome = await clerk.QueueAsync(Department, new TaskQueueQuery(Status, Service, DueWithin, Range.Limit.ToString(CultureInfo.InvariantCulture), Range.Offset.ToString(CultureInfo.InvariantCulture), Q), User, cancellationToken);
        if (outcome.Errors is { } errors)
        {
            foreach (var (field, messages) in errors)
            {
                ModelState.AddModelError(field switch { "dueWithin" => nameof(DueWithin), "service" => nameof(Service), "q" => nameof(Q), _ => nameof(Status) }, DeskText.Say(messages[0]));
            }

            return Page();
        }

        if (outcome.Value is not { } page)
        {
            Problem = DeskText.Say(outcome.Problem!);
            Response.StatusCode = outcome.Status == TaskActionStatus.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound;
            return Page();
        }

        Services = await queries.ServicesAsync(Department, cancellationToken);
        Tasks = page.Tasks;
        Names = await clerk.NamesAsync(page.Tasks, cancellationToken);
        Total = page.Total;
        return Page();
    }

    /// <summary>This queue with another offset, keeping the department and the filters.</summary>
    public string Link(int offset) => QueryHelpers.AddQueryString("/desk", new Dictionary<string, string?>
    {
        ["department"] = Department,
        ["service"] = Service,
        ["status"] = Status,
        ["dueWithin"] = DueWithin?.ToString(CultureInfo.InvariantCulture),
        ["q"] = Q,
        ["offset"] = offset == 0 ? null : offset.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
