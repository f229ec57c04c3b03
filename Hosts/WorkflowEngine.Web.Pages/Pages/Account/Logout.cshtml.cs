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
public sealed class LogoutModel(PasswordSignIn signIn, OidcSettings platform) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id)
        {
            // Deleting the cookie in this browser is not enough: a copy kept elsewhere would still open every page. So
            // sign-out ends every session of the user, on every device: a local account's by a new stamp, a platform
            // user's by the sign-out event recorded below, which outdates every platform session begun before it.
            await HttpContext.SignOutAsync(SessionCookie.SchemeName);
            if (!OidcSignIn.IsPlatformSession(User))
            {
                await signIn.EndSessionsAsync(id, cancellationToken);
            }

            await signIn.RecordAsync(
                SignInEventKinds.SignedOut, id, id, HttpContext.Connection.RemoteIpAddress?.ToString(), Channel, cancellationToken);
            if (OidcSignIn.IsPlatformSession(User))
            {
                return !platform.Configured ? LocalRedirect(SessionCookie.SignedOutHerePath)
                    : await SignedOutAtPlatformAsync() ? new EmptyResult()
                    : LocalRedirect(SessionCookie.SignedOutUnreachablePath);
            }
        }

        return LocalRedirect(SessionCookie.LoginPath);
    }

    /// <summary>
    /// A session begun at the identity platform ends there too, or the next visitor at a shared counter computer would be
    /// signed straight back in by the platform: the browser goes to the platform's end_session_endpoint with the id_token
    /// as id_token_hint, and comes back to the sign-in page (or, when the platform publishes no end_session_endpoint, to
    /// the sign-in page saying so). False when the platform cannot be reached for its metadata: the session here has
    /// ended all the same, and the sign-in page says the platform could not be reached (not that it offers no sign-out).
    /// </summary>
    private async Task<bool> SignedOutAtPlatformAsync()
    {
        try
        {
            await HttpContext.SignOutAsync(OidcSignIn.SchemeName, new AuthenticationProperties { RedirectUri = SessionCookie.LoginPath });
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Where the session began: the sign-in page, or the identity platform.</summary>
    private string Channel => OidcSignIn.IsPlatformSession(User) ? SignInChannels.Oidc : SignInChannels.Page;
}
