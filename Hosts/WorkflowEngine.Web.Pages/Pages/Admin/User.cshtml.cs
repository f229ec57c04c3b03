using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// One user: who they are, whether they may sign in, their recent sign-ins and what administrators changed about them;
/// and the changes themselves (role and department, disable or enable, reset the password, unlock), under the same
/// rules and code as <c>/api/admin/users/{id}</c>.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UserModel(IUserAccounts accounts, IAdminAudit audit, ISignInLog signIns, UserAdministration admin, IDepartmentDirectory directory, UserScope scope, TimeProvider clock)
    : PageModel
{
    /// <summary>The most audit entries and sign-ins the page lists.</summary>
    public const int HistoryLimit = 50;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public UserAccount? Account { get; private set; }

    public IReadOnlyList<AdminAuditEntry> Audit { get; private set; } = [];

    public IReadOnlyList<SignInEvent> SignIns { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>A password made up by the reset, shown this once.</summary>
    public string? MadeUpPassword { get; private set; }

    public bool IsSelf => Id == User.Id();

    public IEnumerable<(string Code, string Name)> Departments => UserText.Departments(directory, scope);

    /// <summary>The roles this host's administrators give, in the order the form offers them.</summary>
    public IReadOnlyList<string> AssignableRoles => scope.Roles;

    public string DepartmentName(string? code) => UserText.DepartmentName(directory, code);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostChangeAsync(CancellationToken cancellationToken) =>
        await ActAsync(admin.ChangeAsync(User.Id(), Id, Role, Department, UserText.English, cancellationToken), AdminText.Say("已修改角色和部门，该用户需重新登录。", "Role and department changed; the user must sign in again."), cancellationToken);

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        await ActAsync(admin.SetDisabledAsync(User.Id(), Id, true, UserText.English, cancellationToken), AdminText.Say("已停用，该用户的登录和令牌均已失效。", "Disabled: the user's sessions and tokens have ended."), cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        await ActAsync(admin.SetDisabledAsync(User.Id(), Id, false, UserText.English, cancellationToken), AdminText.Say("已启用，该用户可以再次登录。", "Enabled: the user may sign in again."), cancellationToken);

    public async Task<IActionResult> OnPostUnlockAsync(CancellationToken cancellationToken) =>
        await ActAsync(admin.UnlockAsync(User.Id(), Id, UserText.English, cancellationToken), AdminText.Say("已解除锁定。", "The lockout has ended."), cancellationToken);

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        var password = NewPassword;
        NewPassword = null;
        return await ActAsync(
            admin.ResetPasswordAsync(User.Id(), Id, password, UserText.English, cancellationToken),
            AdminText.Say("已重置密码，该用户已有的登录和令牌均已失效。", "The password is reset; the user's sessions and tokens have ended."),
            cancellationToken);
    }

    private async Task<IActionResult> ActAsync(Task<AdminOutcome> change, string done, CancellationToken cancellationToken)
    {
        var outcome = await change;
        switch (outcome.Status)
        {
            case AdminOutcomeStatus.Done:
                Done = done;
                MadeUpPassword = outcome.Password;
                break;
            case AdminOutcomeStatus.Invalid:
                UserText.AddTo(ModelState, outcome.Errors!.ToDictionary(e => e.Key == "password" ? "newPassword" : e.Key, e => e.Value));
                break;
            default:
                Problem = outcome.Problem;
                break;
        }

        return await LoadAsync(cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken cancellationToken)
    {
        Account = await accounts.FindAsync(Id, cancellationToken);
        if (Account is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        // The form shows the user as they now stand, unless it comes back with errors to correct.
        if (ModelState.IsValid)
        {
            Role = Account.User.Role;
            Department = Account.User.Department;
        }

        Audit = await audit.ListAsync(AdminAuditEntry.User, Id, HistoryLimit, cancellationToken);
        SignIns = await signIns.ListAsync(Id, null, HistoryLimit, 0, cancellationToken);
        return Page();
    }
}
