using Microsoft.AspNetCore.Authorization;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// Every sign-in event of this host (signed in, wrong password, locked out, refused, signed out, token issued), newest
/// first, a page at a time, filtered to the problems or one kind: where an administrator sees someone trying passwords.
/// The list <c>GET /api/admin/sign-ins</c> answers.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SignInsModel(ISignInLog log) : NewestFirstPageModel<SignInEvent>
{
    public IReadOnlyList<SignInEvent> Events => Items;

    /// <summary>The filter as chosen: empty (all), <c>problems</c>, or one kind.</summary>
    public string Kind { get; private set; } = "";

    public async Task OnGetAsync(string? kind, int? offset, CancellationToken cancellationToken)
    {
        // An unknown filter shows everything rather than an error: the page offers only the known ones.
        Kind = kind is not null && (kind == "problems" || SignInEventKinds.All.Contains(kind)) ? kind : "";
        SignInEndpoints.TryKinds(Kind, out var kinds);
        await ReadPageAsync(offset, (limit, from) => log.ListAsync(null, kinds, limit, from, cancellationToken));
    }

    /// <summary>An event's kind in words.</summary>
    public static string KindName(string kind) => kind switch
    {
        SignInEventKinds.Succeeded => AdminText.Say("登录成功", "Signed in"),
        SignInEventKinds.Failed => AdminText.Say("密码错误或无此用户", "Wrong password or no such user"),
        SignInEventKinds.LockedOut => AdminText.Say("连续失败，账户锁定", "Locked after failures"),
        SignInEventKinds.Refused => AdminText.Say("锁定期间被拒", "Refused while locked"),
        SignInEventKinds.RefusedDisabled => AdminText.Say("账户已停用，被拒", "Refused: account disabled"),
        SignInEventKinds.SignedOut => AdminText.Say("退出登录", "Signed out"),
        SignInEventKinds.TokenIssued => AdminText.Say("签发访问令牌", "Token issued"),
        SignInEventKinds.PasswordChanged => AdminText.Say("密码已更改", "Password changed"),
        SignInEventKinds.RegistrationCodeSent => AdminText.Say("发送注册验证码", "Registration code sent"),
        SignInEventKinds.RegistrationCodeWrong => AdminText.Say("注册验证码错误", "Wrong registration code"),
        SignInEventKinds.Registered => AdminText.Say("申请人自行注册", "Applicant registered"),
        SignInEventKinds.ResetCodeSent => AdminText.Say("发送找回密码验证码", "Password reset code sent"),
        SignInEventKinds.ResetCodeWithheld => AdminText.Say("找回密码：该号码无申请人账户，未发送", "Password reset: no applicant account for the number, nothing sent"),
        SignInEventKinds.ResetCodeWrong => AdminText.Say("找回密码验证码错误", "Wrong password reset code"),
        SignInEventKinds.PasswordReset => AdminText.Say("通过短信验证码重置密码", "Password reset by text message code"),
        _ => kind,
    };

    /// <summary>Whether an event is one of the problems, which the page marks.</summary>
    public static bool IsProblem(SignInEvent signIn) => SignInEventKinds.Problems.Contains(signIn.Kind);
}
