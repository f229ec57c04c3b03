using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// Every user with role, department, whether they may sign in and when they last did, filtered by role or department;
/// and a form that creates a local user under the same rules as <c>POST /api/admin/users</c>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(IUserAccounts accounts, UserAdministration admin, ReferenceData reference, UserScope scope, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? FilterRole { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? FilterDepartment { get; set; }

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

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The user just created, and the password made up for them (shown this once).</summary>
    public (string Id, string? Password)? Created { get; private set; }

    public string? Problem { get; private set; }

    public IEnumerable<(string Code, string Name)> Departments => UserText.Departments(reference, scope);

    /// <summary>The roles this host's administrators give, in the order the form offers them.</summary>
    public IReadOnlyList<string> AssignableRoles => scope.Roles;

    public string DepartmentName(string? code) => UserText.DepartmentName(reference, code);

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

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await accounts.ListAsync(cancellationToken);
        Users = all
            .Where(a => string.IsNullOrEmpty(FilterRole) || a.User.Role == FilterRole)
            .Where(a => string.IsNullOrEmpty(FilterDepartment) || a.User.Department == FilterDepartment)
            .ToArray();
    }
}
