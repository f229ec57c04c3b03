using System.Globalization;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>What the page and the API say when a sign-in fails, in the same words.</summary>
public static class SignInMessages
{
    /// <summary>For an unknown name and a wrong password alike.</summary>
    public const string Invalid = "用户名或密码不正确";

    public const string LockedTitle = "账户已锁定";

    /// <summary><see cref="Invalid"/> for the sign-in page in English.</summary>
    public const string InvalidEn = "The user name or password is not correct";

    public const string DisabledTitle = "账户已停用";

    /// <summary>Said only after the right password, so that it tells nothing to someone guessing.</summary>
    public const string Disabled = "此账户已被管理员停用，不能登录；如有疑问请联系管理员";

    public const string DisabledEn = "An administrator has disabled this account, so it cannot sign in; ask an administrator if this is unexpected";

    public static string Locked(DateTimeOffset? until, DateTimeOffset now, bool english = false)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(((until ?? now) - now).TotalMinutes));
        return english
            ? string.Create(CultureInfo.InvariantCulture, $"Too many wrong passwords: the account is locked for now. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}, or ask an administrator")
            : string.Create(CultureInfo.InvariantCulture, $"连续多次密码错误，账户已暂时锁定，请在 {minutes} 分钟后再试，或联系管理员");
    }
}
