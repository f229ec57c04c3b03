using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// An applicant registers: mobile number, optional e-mail, name and password (twice); a code is texted to the number and
/// the code page comes next. Each error sits next to its field and all of them at the top; the passwords never come back
/// into the form. Where registration is closed, the page says why.
/// </summary>
[AllowAnonymous]
public sealed class RegisterModel(SelfRegistration registration, SelfRegistrationAvailability availability) : PageModel
{
    public SelfRegistrationAvailability Availability => availability;

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var english = PageText.Current.IsEnglishText;
        var outcome = await registration.RequestCodeAsync(
            new RegistrationInput(Input.Mobile, Input.Email, Input.DisplayName, Input.Password, Input.Repeat),
            HttpContext.Connection.RemoteIpAddress?.ToString(),
            english,
            cancellationToken);
        switch (outcome.Status)
        {
            case RegistrationStatus.CodeSent:
                return Redirect(RegisterCodeModel.Address(outcome.Mobile!, ReturnUrl, Url));
            case RegistrationStatus.Unavailable:
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            default:
                Errors = outcome.FieldErrors;
                Input.Password = null;
                Input.Repeat = null;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Page();
        }
    }
}
