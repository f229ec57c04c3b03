using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.ClockExtensions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Supervision;

/// <summary>
/// The requests to extend a service's or a stage's limit (行政许可法 Art. 42) that wait for the decision of the signed-in
/// supervisor's department, approved or refused here through the same rules as the API; and the way to an application
/// whose limit the supervisor's own department wants extended. It lives where the engine runs, which keeps the
/// applications, so that it works however the department hosts are deployed.
/// </summary>
[Authorize(Policy = Policies.Supervisor)]
public sealed class ClockExtensionsModel(
    ClockExtensionActions actions, IApplicationQueries queries, ApplicationViews views, ReferenceData reference, IDirectoryStore directory) : PageModel
{
    /// <summary>Longer than any tracking number; a longer text is not looked up.</summary>
    public const int MaxNumberLength = Api.Window.TrackingNumbers.MaxLength;

    /// <summary>The department whose requests are listed: the supervisor's own (an administrator names one to look at).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>How many applications a page lists (each with all its requests waiting); an address typed by hand is clamped.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Limit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public Paging Range { get; private set; } = Paging.Of(null, null);

    public IReadOnlyList<ClockExtensionView> Waiting { get; private set; } = [];

    /// <summary>Who asked for each request listed, by name, read once for the page.</summary>
    public UserNames Names { get; private set; } = UserNames.None;

    /// <summary>Whether applications with requests waiting follow this page.</summary>
    public bool More { get; private set; }

    /// <summary>Where the next page starts, or null on the last.</summary>
    public int? Next => More ? Range.Offset + Range.Limit : null;

    /// <summary>Why the list cannot be shown (no department, or not one the user supervises).</summary>
    public string? Problem { get; private set; }

    /// <summary>Why the rules refused the decision just tried.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Whether the user may decide (a supervisor, not an administrator: separation of duties).</summary>
    public bool Decides => ClockExtensionActions.Supervisor(User) is { } own && own == Department;

    public string DepartmentName => Department is { } code && reference.Departments.TryGetValue(code, out var d) ? PageText.Current.Of(d.Name) : Department ?? "";

    public string? Error(string field) => ModelState[field]?.Errors.FirstOrDefault()?.ErrorMessage;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid application, Guid extension, string? comment, CancellationToken cancellationToken) =>
        DecideAsync(application, extension, true, comment, $"comment-{extension}", "approved", cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(Guid application, Guid extension, string? refuseReason, CancellationToken cancellationToken) =>
        DecideAsync(application, extension, false, refuseReason, $"refuseReason-{extension}", "refused", cancellationToken);

    /// <summary>Opens the page for asking to extend the limits of the application with this tracking number.</summary>
    public async Task<IActionResult> OnPostFindAsync(string? number, CancellationToken cancellationToken)
    {
        var wanted = Api.Window.TrackingNumbers.Normalize(number);
        if (wanted.Length is > 0 and <= MaxNumberLength
            && await queries.FindByTrackingNumberAsync(wanted, cancellationToken) is { } application
            && await views.CanViewAsync(User, application, cancellationToken))
        {
            return RedirectToPage("/Supervision/AskClockExtension", new { id = application.Id });
        }

        // Another department's application is answered as one nobody has: the page never confirms that a number exists.
        ModelState.AddModelError("number", wanted.Length == 0
            ? SharedText.Say("请填写受理编号", "Enter the tracking number")
            : SharedText.Say($"没有找到您的部门有办理事项的申请 {Shorten(wanted)}", $"No application {Shorten(wanted)} with a step of your department was found"));
        Response.StatusCode = wanted.Length == 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status404NotFound;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> DecideAsync(
        Guid application, Guid extension, bool approve, string? reason, string field, string done, CancellationToken cancellationToken)
    {
        if (ClockExtensionActions.CheckDecision(approve, reason) is { } wrong)
        {
            ModelState.AddModelError(field, SharedText.Say(wrong));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        var outcome = await actions.DecideAsync(application, extension, approve, reason, User, cancellationToken);
        if (outcome.Refusal is not { } refusal)
        {
            return RedirectToPage(new { department = Department, done });
        }

        Refusal = SharedText.Say(refusal.Zh, refusal.En);
        Response.StatusCode = RefusalStatus.Of(refusal.Kind);
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>This list with another offset, keeping the department and the page's size.</summary>
    public string Link(int offset) => QueryHelpers.AddQueryString("/supervision/clock-extensions", new Dictionary<string, string?>
    {
        ["department"] = Department,
        ["limit"] = Limit is null ? null : Range.Limit.ToString(CultureInfo.InvariantCulture),
        ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Department ??= User.Department();
        if (Department is null)
        {
            Problem = SharedText.Say("请在地址中指明部门（?department=部门代码）。", "Name a department in the address (?department=code).");
            return;
        }

        Range = Paging.Of(Limit, Offset);
        if (await actions.AwaitingAsync(Department, User, Range, cancellationToken) is not { } waiting)
        {
            Problem = SharedText.Say(ClockExtensionActions.NotASupervisorOf(Department));
            if (Response.StatusCode == StatusCodes.Status200OK)
            {
                Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return;
        }

        Waiting = waiting.Views;
        More = waiting.More;
        Names = await ClockExtensionActions.NamesAsync(directory, Waiting, cancellationToken);
    }

    private static string Shorten(string number) => number.Length <= 20 ? number : number[..20] + "…";
}
