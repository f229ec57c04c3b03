using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// A person's bearer token for scripts: their claims and the token's expiry, encrypted and signed with the host's data
/// protection keys (the same that protect the page sessions), so nothing is stored per token; a changed password ends it
/// through the stamp it carries.
/// </summary>
public sealed class UserTokens(IDataProtectionProvider protection, TimeProvider clock, IOptions<SignInSettings> settings)
{
    private readonly TicketDataFormat _format = new(protection.CreateProtector("WorkflowEngine.Identity.UserToken.v1"));

    public (string Token, DateTimeOffset ExpiresAt) Issue(UserRecord user, string securityStamp)
    {
        var now = clock.GetUtcNow();
        var expires = now + settings.Value.TokenLifetime;
        var ticket = new AuthenticationTicket(
            UserPrincipal.Create(user, UserTokenAuthentication.SchemeName, securityStamp),
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = expires },
            UserTokenAuthentication.SchemeName);
        return (_format.Protect(ticket), expires);
    }

    /// <summary>The token's ticket while it is genuine and unexpired; null otherwise.</summary>
    public AuthenticationTicket? Read(string token) =>
        _format.Unprotect(token) is { Properties.ExpiresUtc: { } expires } ticket && expires > clock.GetUtcNow() ? ticket : null;
}
