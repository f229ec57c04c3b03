using System.Globalization;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// The checks on a user name and password before any lookup, the same for the page and the API: a name that cannot be
/// anyone's (too long, control characters, direction overrides that would disguise it in the audit) is refused with
/// 400 and never reaches the database or the log.
/// </summary>
public static class SignInInput
{
    public const int MaxUserNameLength = 128;
    public const int MaxPasswordLength = 256;

    /// <summary>
    /// The errors by field (<c>userName</c>, <c>password</c>); empty when both may be tried. In Chinese, or in English for
    /// the sign-in page in English (the API answers in Chinese whatever the caller's language).
    /// </summary>
    public static Dictionary<string, string[]> Validate(string? userName, string? password, bool english = false)
    {
        string Say(string zh, string en) => english ? en : zh;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userName))
        {
            errors["userName"] = [Say("请输入用户名", "Enter your user name")];
        }
        else if (userName.Length > MaxUserNameLength)
        {
            errors["userName"] = [string.Create(CultureInfo.InvariantCulture,
                $"{Say("用户名不能超过 ", "A user name has at most ")}{MaxUserNameLength}{Say(" 个字符", " characters")}")];
        }
        else if (Unprintable(userName) is { } code)
        {
            errors["userName"] = [Say($"用户名含有不可见或控制字符（{code}），请重新输入", $"The user name contains an invisible or control character ({code}); type it again")];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = [Say("请输入密码", "Enter your password")];
        }
        else if (password.Length > MaxPasswordLength)
        {
            errors["password"] = [string.Create(CultureInfo.InvariantCulture,
                $"{Say("密码不能超过 ", "A password has at most ")}{MaxPasswordLength}{Say(" 个字符", " characters")}")];
        }

        return errors;
    }

    /// <summary>The first control, formatting (direction marks, zero-width) or unpaired surrogate character, as U+XXXX.</summary>
    public static string? Unprintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                return string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
            }
        }

        return null;
    }
}
