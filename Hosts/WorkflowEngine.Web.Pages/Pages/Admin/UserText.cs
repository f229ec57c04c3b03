using Microsoft.AspNetCore.Mvc.ModelBinding;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>The users and departments pages' shared words, and how they put the rules' errors beside their fields.</summary>
public static class UserText
{
    public static bool English => PageText.Current.IsEnglishText;

    /// <summary>Whether the user may sign in, in words: disabled, locked until, or active.</summary>
    public static string Status(UserAccount account, DateTimeOffset now) =>
        account.IsDisabled ? AdminText.Say("已停用", "Disabled")
        : account.IsLockedAt(now) ? AdminText.Say($"已锁定至 {AdminText.Time(account.LockedUntil)}", $"Locked until {AdminText.Time(account.LockedUntil)}")
        : AdminText.Say("正常", "Active");

    public static string Action(string action) => action switch
    {
        AdminAuditActions.Created => AdminText.Say("创建", "Created"),
        AdminAuditActions.Registered => AdminText.Say("自行注册", "Registered themselves"),
        AdminAuditActions.Changed => AdminText.Say("修改角色或部门", "Role or department changed"),
        AdminAuditActions.Disabled => AdminText.Say("停用", "Disabled"),
        AdminAuditActions.Enabled => AdminText.Say("启用", "Enabled"),
        AdminAuditActions.PasswordReset => AdminText.Say("重置密码", "Password reset"),
        AdminAuditActions.Unlocked => AdminText.Say("解除锁定", "Unlocked"),
        AdminAuditActions.DepartmentEdited => AdminText.Say("修改部门名称", "Department edited"),
        AdminAuditActions.DefinitionPublished => AdminText.Say("发布", "Published"),
        AdminAuditActions.DefinitionRetired => AdminText.Say("停用版本", "Version retired"),
        AdminAuditActions.DraftDiscarded => AdminText.Say("丢弃草稿", "Draft discarded"),
        _ => action,
    };

    /// <summary>
    /// The rules' errors, keyed as the API names its fields (<c>userName</c>), under the page's keys: the property name
    /// (<c>UserName</c>), or with <paramref name="suffix"/> the id of one row's input (<c>nameZh-SAMR</c>).
    /// </summary>
    public static void AddTo(ModelStateDictionary modelState, IReadOnlyDictionary<string, string[]> errors, string? suffix = null)
    {
        foreach (var (field, messages) in errors)
        {
            var key = suffix is null ? char.ToUpperInvariant(field[0]) + field[1..] : $"{field}-{suffix}";
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>A user's page, whose id may hold a colon (<c>oidc:…</c>).</summary>
    public static string Link(string id) => "/admin/users/" + Uri.EscapeDataString(id);

    /// <summary>The departments this host's administrators may choose from, by code, named in the page's language.</summary>
    public static IEnumerable<(string Code, string Name)> Departments(IDepartmentDirectory directory, UserScope scope) =>
        scope.Of(directory).Select(d => (d.Code, PageText.Current.Of(d)));

    /// <summary>A department's name and code, or a dash for none.</summary>
    public static string DepartmentName(IDepartmentDirectory directory, string? code) =>
        code is null ? "—" : directory.Departments.TryGetValue(code, out var d) ? $"{PageText.Current.Of(d)}（{code}）" : code;
}
