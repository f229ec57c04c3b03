using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// An applicant registers: mobile number, optional e-mail, name and password (twice); a code is texted to the number and
/// the code page comes next. Each error sits next to its field and all of them at the top; the passwords never come back
/// into the form. Where registration is closed, the page says why.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(SelfRegistration registration, SelfRegistrationAvailability availability) : RegistrationPageModel(availability)
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var outcome = await registration.RequestCodeAsync(
            new RegistrationInput(Input.Mobile, Input.Email, Input.DisplayName, Input.Password, Input.Repeat),
            HttpContext.Connection.RemoteIpAddress?.ToString(),
            PageText.Current.IsEnglishText,
            cancellationToken);
        if (outcome.Status == RegistrationStatus.CodeSent)
        {
            return Redirect(RegisterCodeModel.Address(outcome.Mobile!, ReturnUrl, Url));
        }

        Input.Password = null;
        Input.Repeat = null;
        return Refused(outcome);
    }
}
