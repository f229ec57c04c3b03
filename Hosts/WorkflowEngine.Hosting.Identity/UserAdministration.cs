using System.Security.Cryptography;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// What an administrator may do to users and departments, the same for the pages and <c>/api/admin/…</c>: create a
/// local user, change a role or department, disable and enable, reset a password, unlock; edit a department's names.
/// Every change is audited (who, when, what). A change that alters what a person may do ends their sessions and tokens,
/// as a new password does. No administrator can demote or disable themselves, nor leave the system without an enabled
/// administrator; a platform user's role and password belong to the platform. The roles and departments given are
/// those of this host's <see cref="UserScope"/>: a department host's administrators make its own people only.
/// </summary>
public sealed class UserAdministration(
    IUserAccounts accounts,
    IDepartmentEntries departments,
    ICredentialStore credentials,
    IAdminAudit audit,
    PasswordSignIn signIn,
    IDepartmentDirectory directory,
    UserScope scope,
    TimeProvider clock)
{
    public const int MaxDepartmentNameLength = 64;
    public const int MaxDescriptionLength = 500;

    // No 0/O, 1/l/I: a made-up password is read off a screen and typed once.
    private const string PasswordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789#%+=?";
    private const int MadeUpPasswordLength = 16;

    public async Task<AdminOutcome> CreateAsync(string actor, NewUser input, bool english, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        UserInput.UserName(input.UserName, errors, english);
        UserInput.DisplayName(input.DisplayName, errors, english);
        UserInput.RoleAndDepartment(input.Role, input.Department, directory, scope, errors, english);
        UserInput.Password(input.Password, errors, english);
        if (errors.Count > 0)
        {
            return AdminOutcome.Invalid(errors);
        }

        var department = UserInput.NeedsDepartment(input.Role) ? input.Department : null;
        var user = new UserRecord(input.UserName!, input.DisplayName!.Trim(), input.Role!, department);
        var detail = $"name={user.Name}; role={user.Role}" + (department is null ? "" : $"; department={department}");
        var password = string.IsNullOrEmpty(input.Password) ? MadeUpPassword() : input.Password;
        if (!await accounts.CreateAsync(user, signIn.NewCredential(user, password), Entry(actor, AdminAuditActions.Created, user.Id, detail), cancellationToken))
        {
            return AdminOutcome.Refused(Say(english, $"用户名“{user.Id}”已被使用，请换一个", $"The user name \"{user.Id}\" is taken; choose another"));
        }

        await signIn.RecordPasswordSetAsync(user, null, SignInChannels.Admin, cancellationToken);
        return new AdminOutcome(AdminOutcomeStatus.Done, await accounts.FindAsync(user.Id, cancellationToken), string.IsNullOrEmpty(input.Password) ? password : null);
    }

    public async Task<AdminOutcome> ChangeAsync(string actor, string id, string? role, string? department, bool english, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        UserInput.RoleAndDepartment(role, department, directory, scope, errors, english);
        var (account, refusal) = await LocalUserAsync(id, errors, Say(
            english,
            "这是统一身份认证平台的用户：角色和部门以平台为准，每次登录时按平台更新，请在平台修改",
            "This is a user of the identity platform: their role and department come from the platform at each sign-in; change them there"), english, cancellationToken);
        if (account is null)
        {
            return refusal!;
        }

        department = UserInput.NeedsDepartment(role) ? department : null;
        if (account.User.Role == role && account.User.Department == department)
        {
            return new AdminOutcome(AdminOutcomeStatus.Done, account);
        }

        if (id == actor && role != Roles.Admin)
        {
            return await RefuseSelfAsync(id, Say(english, "不能取消自己的管理员角色：请由另一位管理员操作", "You cannot take away your own administrator role: ask another administrator"), LastAdministrator(english), cancellationToken);
        }

        var detail = $"role={account.User.Role}→{role}; department={account.User.Department ?? "-"}→{department ?? "-"}";
        return await GuardedAsync(
            accounts.ChangeAsync(id, role!, department, PasswordSignIn.NewStamp(), Entry(actor, AdminAuditActions.Changed, id, detail), cancellationToken),
            id,
            LastAdministrator(english),
            english,
            cancellationToken);
    }

    public async Task<AdminOutcome> SetDisabledAsync(string actor, string id, bool disabled, bool english, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(id, cancellationToken) is not { } account)
        {
            return NoSuchUser(id, english);
        }

        if (account.IsDisabled == disabled)
        {
            return new AdminOutcome(AdminOutcomeStatus.Done, account);
        }

        if (disabled && id == actor)
        {
            return await RefuseSelfAsync(id, Say(english, "不能停用自己的账户：请由另一位管理员操作", "You cannot disable your own account: ask another administrator"), LastAdministrator(english), cancellationToken);
        }

        var action = disabled ? AdminAuditActions.Disabled : AdminAuditActions.Enabled;
        return await GuardedAsync(
            accounts.SetDisabledAsync(id, disabled ? clock.GetUtcNow() : null, PasswordSignIn.NewStamp(), Entry(actor, action, id, null), cancellationToken),
            id,
            LastAdministrator(english),
            english,
            cancellationToken);
    }

    /// <summary>Sets a new password (made up when none is given, and shown once): every session and token of the user ends.</summary>
    public async Task<AdminOutcome> ResetPasswordAsync(string actor, string id, string? password, bool english, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        UserInput.Password(password, errors, english);
        var (account, refusal) = await LocalUserAsync(id, errors, Say(
            english,
            "这是统一身份认证平台的用户，在平台登录，不能设置本系统的密码",
            "This is a user of the identity platform, who signs in there: they cannot have a password here"), english, cancellationToken);
        if (account is null)
        {
            return refusal!;
        }

        var given = string.IsNullOrEmpty(password) ? MadeUpPassword() : password;
        await signIn.SetPasswordAsync(account.User, given, null, SignInChannels.Admin, cancellationToken);
        await audit.RecordAsync(Entry(actor, AdminAuditActions.PasswordReset, id, null), cancellationToken);
        return new AdminOutcome(AdminOutcomeStatus.Done, await accounts.FindAsync(id, cancellationToken), string.IsNullOrEmpty(password) ? given : null);
    }

    /// <summary>Ends a lockout before its time (the count of wrong passwords starts again).</summary>
    public async Task<AdminOutcome> UnlockAsync(string actor, string id, bool english, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(id, cancellationToken) is not { } account)
        {
            return NoSuchUser(id, english);
        }

        if (account.IsLockedAt(clock.GetUtcNow()))
        {
            await credentials.RecordSuccessAsync(id, cancellationToken);
            await audit.RecordAsync(Entry(actor, AdminAuditActions.Unlocked, id, null), cancellationToken);
        }

        return new AdminOutcome(AdminOutcomeStatus.Done, await accounts.FindAsync(id, cancellationToken));
    }

    /// <summary>A department's names and description; every page and message shows them from now on (this process; other engine processes and the department hosts within Engine:DepartmentFollowInterval).</summary>
    public async Task<AdminOutcome> EditDepartmentAsync(string actor, string code, DepartmentEdit input, bool english, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Text("nameZh", input.NameZh, MaxDepartmentNameLength, required: true, multiline: false, errors, english);
        Text("nameEn", input.NameEn, MaxDepartmentNameLength * 2, required: false, multiline: false, errors, english);
        Text("description", input.Description, MaxDescriptionLength, required: false, multiline: true, errors, english);
        if (errors.Count > 0)
        {
            return AdminOutcome.Invalid(errors);
        }

        if (!directory.Departments.ContainsKey(code))
        {
            return AdminOutcome.NotFound(Say(english, $"没有代码为“{UserInput.Bounded(code)}”的部门", $"There is no department with the code \"{UserInput.Bounded(code)}\""));
        }

        var department = new DirectoryDepartment(code, input.NameZh!.Trim(), Blank(input.NameEn), Blank(input.Description));
        var detail = $"nameZh={department.NameZh}; nameEn={department.NameEn ?? "-"}";
        var entry = new AdminAuditEntry(0, clock.GetUtcNow(), actor, AdminAuditActions.DepartmentEdited, AdminAuditEntry.Department, code, detail);
        if (!await departments.EditAsync(department, entry, cancellationToken))
        {
            return AdminOutcome.NotFound(Say(english, $"部门“{code}”尚未写入数据库，请重启主机后再试", $"The department \"{code}\" is not in the database yet; restart the host and try again"));
        }

        directory.Rename(department);
        return new AdminOutcome(AdminOutcomeStatus.Done);
    }

    public static bool IsPlatformUser(string id) => id.StartsWith(PlatformIdentity.UserIdPrefix, StringComparison.Ordinal);

    /// <summary>The local user a change is for, or why not: the input's errors, no such user, or a platform user (<paramref name="platformRefusal"/>).</summary>
    private async Task<(UserAccount? Account, AdminOutcome? Refusal)> LocalUserAsync(
        string id, Dictionary<string, string[]> errors, string platformRefusal, bool english, CancellationToken cancellationToken)
    {
        if (errors.Count > 0)
        {
            return (null, AdminOutcome.Invalid(errors));
        }

        if (await accounts.FindAsync(id, cancellationToken) is not { } account)
        {
            return (null, NoSuchUser(id, english));
        }

        return IsPlatformUser(id) ? (null, AdminOutcome.Refused(platformRefusal)) : (account, null);
    }

    private async Task<AdminOutcome> GuardedAsync(
        Task<UserChangeStatus> change, string id, string lastAdministrator, bool english, CancellationToken cancellationToken)
    {
        var status = await change;
        return status switch
        {
            UserChangeStatus.NotFound => NoSuchUser(id, english),
            UserChangeStatus.LastAdministrator => AdminOutcome.Refused(lastAdministrator),
            _ => new AdminOutcome(AdminOutcomeStatus.Done, await accounts.FindAsync(id, cancellationToken)),
        };
    }

    /// <summary>An administrator acting on themselves is refused, and told so as the last administrator when no other is left.</summary>
    private async Task<AdminOutcome> RefuseSelfAsync(string id, string self, string last, CancellationToken cancellationToken) =>
        AdminOutcome.Refused((await accounts.ListAsync(cancellationToken)).Any(a => a.User.Role == Roles.Admin && !a.IsDisabled && a.User.Id != id) ? self : last);

    private static string LastAdministrator(bool english) => Say(
        english,
        "这是最后一位在用的管理员，不能停用或改为其他角色：请先让另一位用户成为管理员",
        "This is the last enabled administrator, who cannot be disabled or given another role: make another user an administrator first");

    private AdminAuditEntry Entry(string actor, string action, string id, string? detail) =>
        new(0, clock.GetUtcNow(), actor, action, AdminAuditEntry.User, id, detail);

    private static AdminOutcome NoSuchUser(string id, bool english) =>
        AdminOutcome.NotFound(Say(english, $"没有用户“{UserInput.Bounded(id)}”", $"There is no user \"{UserInput.Bounded(id)}\""));

    private static void Text(string field, string? text, int max, bool required, bool multiline, Dictionary<string, string[]> errors, bool english)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[field] = [Say(english, "此项必填", "This is required")];
            }

            return;
        }

        if (text.Trim().Length > max)
        {
            errors[field] = [Say(english, $"不能超过 {max} 个字符", $"At most {max} characters")];
        }
        else if (SignInInput.Unprintable(multiline ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ') : text) is { } code)
        {
            errors[field] = [Say(english, $"含有不可见或控制字符（{code}），请重新输入", $"Contains an invisible or control character ({code}); type it again")];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Say(bool english, string zh, string en) => english ? en : zh;

    private static string MadeUpPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, MadeUpPasswordLength);
}
