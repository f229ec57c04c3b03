using System.Security.Claims;
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
    IDirectoryStore directory,
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

        if (await directory.FindUserAsync(id, Context.RequestAborted) is not { } user)
        {
            return AuthenticateResult.Fail($"没有演示用户“{id}”");
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Name),
            new(ClaimTypes.Role, user.Role),
        };
        if (user.Department is { } department)
        {
            claims.Add(new Claim(ClaimNames.Department, department));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.2", title = "未登录", status = 401,
                detail = environment.IsDevelopment() ? $"请用请求头 {Header}: <演示用户> 表明身份" : "请先登录" },
            options: null,
            contentType: "application/problem+json");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(
            new { type = "https://tools.ietf.org/html/rfc9110#section-15.5.4", title = "无权访问", status = 403, detail = "您的角色不能使用此功能" },
            options: null,
            contentType: "application/problem+json");
    }
}
