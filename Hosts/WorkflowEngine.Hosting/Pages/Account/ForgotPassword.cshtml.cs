using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// The first step of resetting a forgotten password (忘记密码): the mobile number. Any well-formed number goes on to the
/// code page with the same words, whether or not a code went out (<see cref="PasswordReset"/>); a malformed one, or a
/// throttle, is told next to the field. Offered where registration is.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(PasswordReset reset, SelfRegistrationAvailability availability) : RegistrationPageModel(availability)
{
    [BindProperty(Name = "mobile")]
    public string? Mobile { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await reset.RequestCodeAsync(Mobile, HttpContext.Connection.RemoteIpAddress?.ToString(), PageText.Current.IsEnglishText, cancellationToken);
        return outcome.Status == RegistrationStatus.CodeSent ? Redirect(ResetPasswordModel.Address(outcome.Mobile!, ReturnUrl, Url)) : Refused(outcome);
    }
}
