using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// Sign-out: a form posted with the anti-forgery token (a GET only asks), so that another site cannot sign a person
/// out by a link or an image.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(PasswordSignIn signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id)
        {
            await HttpContext.SignOutAsync(SessionCookie.SchemeName);
            await signIn.RecordAsync(
                SignInEventKinds.SignedOut, id, id, HttpContext.Connection.RemoteIpAddress?.ToString(), Channel, cancellationToken);
        }

        return LocalRedirect(SessionCookie.LoginPath);
    }

    /// <summary>Where the session began: the sign-in page, or the identity platform.</summary>
    private string Channel => User.FindFirstValue(ClaimNames.IdentityProvider) == OidcSignIn.Provider ? SignInChannels.Oidc : SignInChannels.Page;
}
