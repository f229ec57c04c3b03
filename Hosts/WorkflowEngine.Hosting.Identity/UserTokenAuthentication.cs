using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> of a person, from <c>POST /api/auth/token</c> (<see cref="UserTokens"/>):
/// the same claims, and so the same policies, as a page session. Refused once expired or once the password changed.
/// </summary>
public sealed class UserTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserTokens tokens,
    PasswordSignIn signIn) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "UserToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ServiceTokenAuthentication.BearerToken(Request) is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        if (tokens.Read(token) is not { } ticket)
        {
            return AuthenticateResult.Fail("The bearer token is not genuine, or has expired.");
        }

        return await signIn.IsCurrentAsync(ticket.Principal, Context.RequestAborted)
            ? AuthenticateResult.Success(ticket)
            : AuthenticateResult.Fail("The password changed after the token was issued.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return AuthProblems.UnauthorizedAsync(Response, "令牌无效、已过期，或密码已更改：请用 POST /api/auth/token 重新取得令牌");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => AuthProblems.ForbiddenAsync(Response);
}
