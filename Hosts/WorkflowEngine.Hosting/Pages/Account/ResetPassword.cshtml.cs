using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// The second step of resetting a forgotten password: the code texted to the number and the new password twice, or a
/// new code. Once the password is replaced the browser goes to the sign-in page, which says so and has the number filled
/// in: the applicant signs in with the new password as every sign-in does (the lockout and audit of a sign-in apply, and
/// a browser's password manager offers to keep the new one), and every other session of the account has ended.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(PasswordReset reset, SelfRegistrationAvailability availability) : CodePageModel(availability)
{
    /// <summary>The code page for <paramref name="mobile"/>, keeping where to go after signing in (a page of this site only).</summary>
    public static string Address(string mobile, string? returnUrl, IUrlHelper url, bool resent = false) =>
        AddressOf("/account/password-reset/code", mobile, returnUrl, url, resent);

    public IActionResult OnGet() => PageOr("/account/password-reset");

    public async Task<IActionResult> OnPostAsync([FromForm] string? code, [FromForm] string? password, [FromForm] string? repeat, CancellationToken cancellationToken)
    {
        var outcome = await reset.ResetAsync(
            new PasswordResetInput(Mobile, code, password, repeat), HttpContext.Connection.RemoteIpAddress?.ToString(), PageText.Current.IsEnglishText, cancellationToken);
        // The new password never comes back into the form: the page's password inputs are always empty.
        return outcome.Status == RegistrationStatus.PasswordReset
            ? Redirect("/account/login" + WithReturnUrl(QueryString.Create("reset", outcome.Mobile!), ReturnUrl, Url))
            : Refused(outcome);
    }

    public async Task<IActionResult> OnPostResendAsync(CancellationToken cancellationToken)
    {
        var outcome = await reset.ResendAsync(Mobile, HttpContext.Connection.RemoteIpAddress?.ToString(), PageText.Current.IsEnglishText, cancellationToken);
        return outcome.Status == RegistrationStatus.CodeSent ? Redirect(Address(outcome.Mobile!, ReturnUrl, Url, resent: true)) : Refused(outcome);
    }
}
