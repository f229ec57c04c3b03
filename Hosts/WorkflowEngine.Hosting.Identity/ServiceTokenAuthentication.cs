using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// <c>Authorization: Bearer &lt;token&gt;</c> of a department host (<see cref="ServiceAccount"/>): signed in as
/// <c>service:&lt;name&gt;</c> in the role <see cref="ServiceRoles.DepartmentHost"/>, with a department claim for each of
/// its departments. The role is no clerk's: the host may do only what an endpoint grants that role by name.
/// </summary>
public sealed class ServiceTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ServiceAccountDirectory accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ServiceToken";
    private const string Bearer = "Bearer ";

    /// <summary>The token of an <c>Authorization: Bearer</c> header; null without one.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? header[Bearer.Length..].Trim() : null;
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (accounts.Find(token) is not { } account)
        {
            return Task.FromResult(AuthenticateResult.Fail("The bearer token is no service account's."));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, "service:" + account.Name),
            new(ClaimTypes.Name, account.Name),
            new(ClaimTypes.Role, ServiceRoles.DepartmentHost),
        };
        claims.AddRange(account.DepartmentCodes.Select(code => new Claim(ClaimNames.Department, code)));
        return Task.FromResult(AuthenticateResult.Success(
            new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName)));
    }
}

/// <summary>Roles of machines, not people.</summary>
public static class ServiceRoles
{
    public const string DepartmentHost = "department-host";

    /// <summary>The header a department host names the clerk in, for whom it fetches a material.</summary>
    public const string OnBehalfOf = "X-On-Behalf-Of";
}
