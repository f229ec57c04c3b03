using System.Security.Claims;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>The claims of a signed-in person, the same whichever way they signed in, so that every policy reads them alike.</summary>
public static class UserPrincipal
{
    public static ClaimsPrincipal Create(UserRecord user, string scheme, string? securityStamp = null)
    {
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

        if (securityStamp is not null)
        {
            claims.Add(new Claim(ClaimNames.SecurityStamp, securityStamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
