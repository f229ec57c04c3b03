using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The users with role, department, whether they may sign in and when they last did, filtered by role, department or
/// part of the name, a page at a time (the list <c>GET /api/admin/users</c> answers); and a form that creates a local
/// user under the same rules as <c>POST /api/admin/users</c>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(IUserAccounts accounts, UserAdministration admin, IDepartmentDirectory directory, UserScope scope, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? FilterRole { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FilterDepartment { get; set; }

    /// <summary>Part of the user name or name.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Limit { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    /// <summary>How many users the filter matches in all.</summary>
    public int Total { get; private set; }

    public Paging Range { get; private set; } = Paging.Of(null, null, PageSize);

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The user just created, and the password made up for them (shown this once).</summary>
    public (string Id, string? Password)? Created { get; private set; }

    public string? Problem { get; private set; }

    public IEnumerable<(string Code, string Name)> Departments => UserText.Departments(directory, scope);

    /// <summary>The roles this host's administrators give, in the order the form offers them.</summary>
    public IReadOnlyList<string> AssignableRoles => scope.Roles;

    public string DepartmentName(string? code) => UserText.DepartmentName(directory, code);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var outcome = await admin.CreateAsync(User.Id(), new NewUser(UserName, DisplayName, Role, Department, Password), UserText.English, cancellationToken);
        switch (outcome.Status)
        {
            case AdminOutcomeStatus.Done:
                Created = (outcome.Account!.User.Id, outcome.Password);
                UserName = DisplayName = Role = Department = null;
                break;
            case AdminOutcomeStatus.Invalid:
                UserText.AddTo(ModelState, outcome.Errors!);
                break;
            default:
                ModelState.AddModelError(nameof(UserName), outcome.Problem!);
                break;
        }

        // The password is never sent back into the form.
        Password = null;
        await LoadAsync(cancellationToken);
    }

    /// <summary>This list with another offset, keeping the filter.</summary>
    public string Link(int offset) => QueryHelpers.AddQueryString("/admin/users", new Dictionary<string, string?>
    {
        ["filterRole"] = FilterRole,
        ["filterDepartment"] = FilterDepartment,
        ["q"] = Q,
        ["limit"] = Limit is null ? null : Range.Limit.ToString(CultureInfo.InvariantCulture),
        ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // A filter value the list cannot take is said at its field and the list shows everyone, rather than nobody.
        var errors = new Dictionary<string, string[]>();
        var filter = UserInput.Filter(FilterRole, FilterDepartment, Q, directory, errors, UserText.English);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field switch { "role" => nameof(FilterRole), "department" => nameof(FilterDepartment), _ => nameof(Q) }, messages[0]);
        }

        Range = Paging.Of(Limit, Offset, PageSize);
        var found = await accounts.SearchAsync(errors.Count > 0 ? new UserFilter() : filter, Range.Limit, Range.Offset, cancellationToken);
        Users = found.Items;
        Total = found.Total;
    }
}
