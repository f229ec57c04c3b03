using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// The second step of registering: the code texted to the number, or a new one. A right code makes the account, signs
/// the applicant in and goes to their account page (or back where the sign-in was asked for).
/// </summary>
[AllowAnonymous]
public sealed class RegisterCodeModel(SelfRegistration registration, SelfRegistrationAvailability availability) : PageModel
{
    public SelfRegistrationAvailability Availability => availability;

    [BindProperty(SupportsGet = true, Name = "mobile")]
    public string? Mobile { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Resent { get; set; }

    public string Masked => MobileNumber.Normalise(Mobile) is { } mobile ? MobileNumber.Masked(mobile) : "";

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The code page for <paramref name="mobile"/>, keeping where to go after (a page of this site only).</summary>
    public static string Address(string mobile, string? returnUrl, IUrlHelper url, bool resent = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = QueryString.Create("mobile", mobile);
        if (url.IsLocalUrl(returnUrl))
        {
            query = query.Add("returnUrl", returnUrl!);
        }

        return "/account/register/code" + (resent ? query.Add("resent", "true") : query);
    }

    public IActionResult OnGet() => MobileNumber.Normalise(Mobile) is null && availability.Open ? Redirect("/account/register") : Page();

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

    private PageResult Refused(RegistrationOutcome outcome)
    {
        Errors = outcome.FieldErrors;
        Response.StatusCode = outcome.Status == RegistrationStatus.Unavailable ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
