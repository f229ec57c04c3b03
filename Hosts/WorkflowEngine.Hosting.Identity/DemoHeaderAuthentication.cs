using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Development only: the caller names a seeded demo user in the <c>X-Demo-User</c> header. Registered only when the
/// environment is Development; real sign-in replaces it.
/// </summary>
public sealed class DemoHeaderAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IUserAccounts accounts,
    IHostEnvironment environment) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DemoHeader";
    public const string Header = "X-Demo-User";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Outside Development nobody is signed in this way: protected endpoints answer 401.
        if (!environment.IsDevelopment() || !Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } id)
        {
            return AuthenticateResult.NoResult();
        }

        if (await accounts.FindAsync(id, Context.RequestAborted) is not { } account)
        {
            return AuthenticateResult.Fail($"没有演示用户“{id}”");
        }

        return account.IsDisabled
            ? AuthenticateResult.Fail($"演示用户“{id}”已被停用")
            : AuthenticateResult.Success(new AuthenticationTicket(UserPrincipal.Create(account.User, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        AuthProblems.UnauthorizedAsync(Response, environment.IsDevelopment()
            ? $"请用 POST /api/auth/token 取得令牌后以 Authorization: Bearer <令牌> 调用，或（仅开发环境）用请求头 {Header}: <演示用户> 表明身份"
            : "请先登录：用 POST /api/auth/token 取得令牌，以 Authorization: Bearer <令牌> 调用");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbiddenAsync(Response);
}
