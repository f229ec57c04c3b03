using System.Globalization;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The rules for a user an administrator creates or changes, the same for the page and the API. A user name is what
/// people type to sign in and what every audit names, so it is plain: lower-case ASCII letters, digits and <c>. _ -</c>,
/// which no look-alike letter (Cyrillic а for Latin a), full-width form or invisible character can disguise. A display
/// name may be any printable text (a Chinese name). Errors are keyed by the API's field names.
/// </summary>
public static class UserInput
{
    public const int MinUserNameLength = 2;
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 64;

    /// <summary>The roles an administrator may give, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> AssignableRoles = [Roles.Applicant, Roles.Window, Roles.Clerk, Roles.Supervisor, Roles.Admin];

    public static bool NeedsDepartment(string? role) => role is Roles.Clerk or Roles.Supervisor;

    public static void UserName(string? userName, Dictionary<string, string[]> errors, bool english)
    {
        string Say(string zh, string en) => english ? en : zh;
        if (string.IsNullOrWhiteSpace(userName))
        {
            errors["userName"] = [Say("请输入用户名", "Enter a user name")];
        }
        else if (userName.Length is < MinUserNameLength or > MaxUserNameLength)
        {
            errors["userName"] = [Say($"用户名应为 {MinUserNameLength} 至 {MaxUserNameLength} 个字符", $"A user name has {MinUserNameLength} to {MaxUserNameLength} characters")];
        }
        else if (userName.StartsWith(PlatformIdentity.UserIdPrefix, StringComparison.OrdinalIgnoreCase))
        {
            errors["userName"] = [Say(
                $"以“{PlatformIdentity.UserIdPrefix}”开头的用户名留给统一身份认证平台的用户，请换一个",
                $"User names beginning with \"{PlatformIdentity.UserIdPrefix}\" belong to the identity platform's users; choose another")];
        }
        else if (FirstNotAllowed(userName) is { } bad)
        {
            errors["userName"] = [Say(
                $"用户名只能用小写英文字母、数字和 . _ -，并以字母或数字开头：第 {bad.Position} 个字符 {bad.Shown} 不行",
                $"A user name uses only lower-case letters a–z, digits and . _ -, and begins with a letter or digit: character {bad.Position}, {bad.Shown}, is not allowed")];
        }
    }

    public static void DisplayName(string? displayName, Dictionary<string, string[]> errors, bool english)
    {
        string Say(string zh, string en) => english ? en : zh;
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors["displayName"] = [Say("请输入姓名", "Enter the person's name")];
        }
        else if (displayName.Trim().Length > MaxDisplayNameLength)
        {
            errors["displayName"] = [Say($"姓名不能超过 {MaxDisplayNameLength} 个字符", $"A name has at most {MaxDisplayNameLength} characters")];
        }
        else if (SignInInput.Unprintable(displayName) is { } code)
        {
            errors["displayName"] = [Say($"姓名含有不可见或控制字符（{code}），请重新输入", $"The name contains an invisible or control character ({code}); type it again")];
        }
    }

    /// <summary>A role this host gives, and for a clerk or supervisor a department that exists and this host serves.</summary>
    public static void RoleAndDepartment(string? role, string? department, IDepartmentDirectory directory, UserScope scope, Dictionary<string, string[]> errors, bool english)
    {
        string Say(string zh, string en) => english ? en : zh;
        if (string.IsNullOrWhiteSpace(role) || !scope.Roles.Contains(role))
        {
            errors["role"] = [Say(
                $"角色应为 {string.Join("、", scope.Roles)} 之一",
                $"The role must be one of {string.Join(", ", scope.Roles)}")];
            return;
        }

        if (!NeedsDepartment(role))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(department))
        {
            errors["department"] = [Say("窗口人员和部门负责人须属于一个部门，请选择部门", "A clerk or supervisor belongs to a department: choose one")];
        }
        else if (!directory.Departments.ContainsKey(department))
        {
            errors["department"] = [Say(
                $"没有代码为“{Bounded(department)}”的部门",
                $"There is no department with the code \"{Bounded(department)}\"")];
        }
        else if (!scope.Offers(department))
        {
            var served = string.Join(Say("、", ", "), scope.Departments!);
            errors["department"] = [Say(
                $"本主机只办理 {served} 的业务，不能为“{department}”创建或调整人员：请到办理该部门的主机上操作",
                $"This host serves only {served}; users of \"{department}\" are managed at the host that serves it")];
        }
    }

    /// <summary>
    /// A new password: empty means "make one up" (shown once); otherwise the operator's rule of at least 12 characters.
    /// Where nothing is made up (a user changing their own), <paramref name="offerMadeUp"/> is false and the message does not offer it.
    /// </summary>
    public static void Password(string? password, Dictionary<string, string[]> errors, bool english, bool offerMadeUp = true)
    {
        string Say(string zh, string en) => english ? en : zh;
        if (string.IsNullOrEmpty(password))
        {
            return;
        }

        if (password.Length is < IdentitySeeding.MinimumPasswordLength or > SignInInput.MaxPasswordLength)
        {
            errors["password"] = [Say(
                $"密码应为 {IdentitySeeding.MinimumPasswordLength} 至 {SignInInput.MaxPasswordLength} 个字符" + (offerMadeUp ? "；留空则由系统生成" : ""),
                $"A password has {IdentitySeeding.MinimumPasswordLength} to {SignInInput.MaxPasswordLength} characters" + (offerMadeUp ? "; leave it empty to have one made up" : ""))];
        }
        else if (password.Any(char.IsControl))
        {
            errors["password"] = [Say("密码不能含有控制字符", "A password cannot contain control characters")];
        }
    }

    /// <summary>
    /// A password a person chooses for themselves and types twice (registering, or replacing a forgotten one): needed,
    /// under <see cref="Password"/>'s rule (key <c>password</c>), and the same twice (key <c>repeat</c>).
    /// </summary>
    public static void ChosenPassword(string? password, string? repeat, Dictionary<string, string[]> errors, bool english, bool replacing)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string Say(string zh, string en) => english ? en : zh;
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = replacing
                ? [Say($"请设置新密码（至少 {IdentitySeeding.MinimumPasswordLength} 个字符）", $"Choose a new password (at least {IdentitySeeding.MinimumPasswordLength} characters)")]
                : [Say($"请设置密码（至少 {IdentitySeeding.MinimumPasswordLength} 个字符）", $"Choose a password (at least {IdentitySeeding.MinimumPasswordLength} characters)")];
        }
        else
        {
            Password(password, errors, english, offerMadeUp: false);
        }

        if (!errors.ContainsKey("password") && repeat != password)
        {
            errors["repeat"] = [Say("两次输入的密码不一致", "The two passwords differ")];
        }
    }

    /// <summary>
    /// The filter of an administrator's user list (the API's <c>role</c>, <c>department</c> and <c>q</c>): empty values
    /// mean any; a role or department that does not exist, or a search over <see cref="MaxDisplayNameLength"/> characters
    /// or with a control character, is an error rather than an empty list that looks like "no such users".
    /// </summary>
    public static UserFilter Filter(string? role, string? department, string? text, IDepartmentDirectory directory, Dictionary<string, string[]> errors, bool english)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string Say(string zh, string en) => english ? en : zh;
        role = string.IsNullOrWhiteSpace(role) ? null : role;
        department = string.IsNullOrWhiteSpace(department) ? null : department;
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (role is not null && !AssignableRoles.Contains(role))
        {
            errors["role"] = [Say($"角色应为 {string.Join("、", AssignableRoles)} 之一", $"The role must be one of {string.Join(", ", AssignableRoles)}")];
        }

        if (department is not null && !directory.Departments.ContainsKey(department))
        {
            errors["department"] = [Say($"没有代码为“{Bounded(department)}”的部门", $"There is no department with the code \"{Bounded(department)}\"")];
        }

        if (text is { Length: > MaxDisplayNameLength })
        {
            errors["q"] = [Say($"搜索的文字不能超过 {MaxDisplayNameLength} 个字符", $"A search has at most {MaxDisplayNameLength} characters")];
        }
        else if (text is not null && SignInInput.Unprintable(text) is { } code)
        {
            errors["q"] = [Say($"搜索的文字含有不可见或控制字符（{code}）", $"The search contains an invisible or control character ({code})")];
        }

        return new UserFilter(role, department, text);
    }

    /// <summary>Text from a request, cut short and made printable for a message.</summary>
    public static string Bounded(string text)
    {
        var cut = text.Length > 32 ? text[..32] + "…" : text;
        return SignInInput.Unprintable(cut) is null ? cut : string.Concat(cut.Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format));
    }

    private static (int Position, string Shown)? FirstNotAllowed(string userName)
    {
        for (var i = 0; i < userName.Length; i++)
        {
            var c = userName[i];
            var allowed = c is >= 'a' and <= 'z' or >= '0' and <= '9' || (i > 0 && c is '.' or '_' or '-');
            if (!allowed)
            {
                var printable = !char.IsControl(c) && !char.IsSurrogate(c) && !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
                var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
                return (i + 1, printable ? $"“{c}”({code})" : code);
            }
        }

        return null;
    }
}
