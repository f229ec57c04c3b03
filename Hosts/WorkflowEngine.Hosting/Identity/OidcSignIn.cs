using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Sign-in through OpenID Connect: the platform's subject, name, role and department become the same claims a password
/// sign-in gives, so every policy reads them alike; the user is kept in the directory, and the sign-in audited. A role
/// this system does not know, or a clerk without a department, is refused.
/// </summary>
public static class OidcSignIn
{
    public const string SchemeName = "Oidc";

    /// <summary>Marks a session as the platform's: its password, if any, is not ours to check.</summary>
    public const string Provider = "oidc";

    private static readonly HashSet<string> KnownRoles = [Roles.Applicant, Roles.Clerk, Roles.Supervisor, Roles.Admin];

    public static void Configure(OpenIdConnectOptions options, OidcSettings settings)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SignInScheme = SessionCookie.SchemeName;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.Events.OnTokenValidated = context => OnTokenValidatedAsync(context, settings);
    }

    private static async Task OnTokenValidatedAsync(TokenValidatedContext context, OidcSettings settings)
    {
        var principal = context.Principal!;
        var id = principal.FindFirstValue("sub");
        var role = principal.FindFirstValue(settings.RoleClaim);
        var department = principal.FindFirstValue(settings.DepartmentClaim);
        if (id is null || role is null || !KnownRoles.Contains(role) || (role is Roles.Clerk or Roles.Supervisor && string.IsNullOrEmpty(department)))
        {
            context.Fail($"统一身份认证平台未给出可用的身份：需要 sub、{settings.RoleClaim}（applicant、clerk、supervisor 或 admin），办事人员还需 {settings.DepartmentClaim}");
            return;
        }

        var user = new UserRecord(id, principal.FindFirstValue("name") ?? id, role, role is Roles.Clerk or Roles.Supervisor ? department : null);
        var services = context.HttpContext.RequestServices;
        await services.GetRequiredService<IDirectoryStore>().UpsertUsersAsync([user], context.HttpContext.RequestAborted);
        var signedIn = UserPrincipal.Create(user, SessionCookie.SchemeName);
        ((ClaimsIdentity)signedIn.Identity!).AddClaim(new Claim(ClaimNames.IdentityProvider, Provider));
        context.Principal = signedIn;
        await services.GetRequiredService<PasswordSignIn>().RecordAsync(
            SignInEventKinds.Succeeded, id, id, context.HttpContext.Connection.RemoteIpAddress?.ToString(), SignInChannels.Oidc, context.HttpContext.RequestAborted);
    }
}
