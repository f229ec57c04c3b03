using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// The sign-in page: user name and password, each error next to its field and all of them at the top. After signing
/// in the browser goes back where it was sent from, but only to a page of this site (an address elsewhere is dropped:
/// a link could otherwise send someone to a look-alike site straight after signing in).
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(PasswordSignIn signIn, TimeProvider clock, OidcSettings oidc, SelfRegistrationAvailability registration) : PageModel
{
    /// <summary>
    /// Whether applicants may register here: the page then links to the registration page, and to the reset of a
    /// forgotten password by a texted code, which is offered where registration is.
    /// </summary>
    public bool RegistrationOpen => registration.Open;

    /// <summary>The mobile number whose password was just reset by a texted code: the page says so and fills it in as the user name.</summary>
    [BindProperty(SupportsGet = true, Name = "reset")]
    public string? ResetFor { get; set; }

    /// <summary><see cref="ResetFor"/> when it is a mobile number, else null.</summary>
    public string? ResetMobile => MobileNumber.Normalise(ResetFor);

    /// <summary>The identity platform's name, in the page's language, when a deployment configured one; the page then offers it.</summary>
    public string? PlatformName => oidc.Configured ? oidc.NameIn(PageText.Current.IsEnglishText) : null;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why the last sign-in at the identity platform failed (<see cref="PlatformFailures"/>), as it sent the browser back.</summary>
    [BindProperty(SupportsGet = true, Name = "failed")]
    public string? Failed { get; set; }

    /// <summary>
    /// "here" when a platform session has ended here and the platform offers no sign-out; "unreachable" when it has ended
    /// here and the platform could not be reached to end it there.
    /// </summary>
    [BindProperty(SupportsGet = true, Name = "signedOut")]
    public string? SignedOut { get; set; }

    /// <summary>The words for <see cref="SignedOut"/>; null unless the platform's session may still stand.</summary>
    public string? SignedOutHereNote => (SignedOut, PageText.Current.IsEnglishText) switch
    {
        ("here", true) => $"You have signed out of {PageText.Current.SiteName} on every device. No sign-out to this system is offered by {PlatformNameOrDefault(true)}, so you may still be signed in there: on a shared computer, close the browser.",
        ("here", false) => $"您已在所有设备上退出{PageText.Current.SiteName}。{PlatformNameOrDefault(false)}未向本系统提供退出登录，您在该平台上可能仍处于登录状态：如在公用电脑上，请关闭浏览器。",
        ("unreachable", true) => $"You have signed out of {PageText.Current.SiteName} on every device. We could not reach {PlatformNameOrDefault(true)} to sign you out there too, so you may still be signed in there: on a shared computer, close the browser.",
        ("unreachable", false) => $"您已在所有设备上退出{PageText.Current.SiteName}。暂时无法连接{PlatformNameOrDefault(false)}，未能在该平台上一并退出，您在该平台上可能仍处于登录状态：如在公用电脑上，请关闭浏览器。",
        _ => null,
    };

    /// <summary>The words for <see cref="Failed"/>; null when nothing failed.</summary>
    public string? PlatformError => Failed is null ? null : PlatformFailures.Message(Failed, oidc.NameIn(PageText.Current.IsEnglishText), PageText.Current.IsEnglishText);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var english = PageText.Current.IsEnglishText;
        foreach (var (field, messages) in SignInInput.Validate(Input.UserName, Input.Password, english))
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(field == "userName" ? "Input.UserName" : "Input.Password", message);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await signIn.SignInAsync(
            Input.UserName!.Trim(), Input.Password!, HttpContext.Connection.RemoteIpAddress?.ToString(), SignInChannels.Page, cancellationToken);
        switch (outcome.Status)
        {
            case SignInStatus.Succeeded:
                await StartSessionAsync(HttpContext, outcome);
                return LocalRedirect(SafeReturnUrl);
            case SignInStatus.LockedOut:
                ModelState.AddModelError("Input.Password", SignInMessages.Locked(outcome.LockedUntil, clock.GetUtcNow(), english));
                break;
            case SignInStatus.Disabled:
                ModelState.AddModelError("Input.Password", english ? SignInMessages.DisabledEn : SignInMessages.Disabled);
                break;
            default:
                ModelState.AddModelError("Input.Password", english ? SignInMessages.InvalidEn : SignInMessages.Invalid);
                break;
        }

        // The password is never sent back into the form.
        Input.Password = null;
        return Page();
    }

    /// <summary>Signing in at the identity platform (a POST with the anti-forgery token, like every form here).</summary>
    public IActionResult OnPostPlatform() =>
        oidc.Configured ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl }, OidcSignIn.SchemeName) : NotFound();

    /// <summary>The session cookie for a password just checked, under the stamp it was checked with (for the browser's session only).</summary>
    public static Task StartSessionAsync(HttpContext http, SignInOutcome outcome) =>
        http.SignInAsync(
            SessionCookie.SchemeName,
            UserPrincipal.Create(outcome.User!, SessionCookie.SchemeName, outcome.SecurityStamp),
            new AuthenticationProperties { IsPersistent = false });

    private string PlatformNameOrDefault(bool english) => PlatformName ?? (english ? "the unified identity platform" : "统一身份认证平台");

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}
