using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// The second step of registering: the code texted to the number, or a new one. A right code makes the account, signs
/// the applicant in and goes to their account page (or back where the sign-in was asked for).
/// </summary>
[AllowAnonymous]
public sealed class RegisterCodeModel(SelfRegistration registration, SelfRegistrationAvailability availability) : CodePageModel(availability)
{
    /// <summary>The code page for <paramref name="mobile"/>, keeping where to go after (a page of this site only).</summary>
    public static string Address(string mobile, string? returnUrl, IUrlHelper url, bool resent = false) =>
        AddressOf("/account/register/code", mobile, returnUrl, url, resent);

    public IActionResult OnGet() => PageOr("/account/register");

    public async Task<IActionResult> OnPostAsync([FromForm] string? code, CancellationToken cancellationToken)
    {
        var outcome = await registration.ConfirmAsync(Mobile, code, HttpContext.Connection.RemoteIpAddress?.ToString(), PageText.Current.IsEnglishText, cancellationToken);
        if (outcome.Status == RegistrationStatus.Registered)
        {
            await LoginModel.StartSessionAsync(HttpContext, new SignInOutcome(SignInStatus.Succeeded, outcome.User, outcome.SecurityStamp));
            return Redirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account?registered=true");
        }

        return Refused(outcome);
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var outcome = await registration.ResendAsync(Mobile, HttpContext.Connection.RemoteIpAddress?.ToString(), PageText.Current.IsEnglishText, cancellationToken);
        return outcome.Status == RegistrationStatus.CodeSent ? Redirect(Address(outcome.Mobile!, ReturnUrl, Url, resent: true)) : Refused(outcome);
    }
}
