using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// A page where the code texted to a number is typed (registering, resetting a password): the number it went to, shown
/// masked, and whether a new one was just sent.
/// </summary>
public abstract class CodePageModel(SelfRegistrationAvailability availability) : RegistrationPageModel(availability)
{
    [BindProperty(SupportsGet = true, Name = "mobile")]
    public string? Mobile { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Resent { get; set; }

    public string Masked => MobileNumber.Normalise(Mobile) is { } mobile ? MobileNumber.Masked(mobile) : "";

    /// <summary>The code page at <paramref name="path"/> for <paramref name="mobile"/>, keeping where to go after (a page of this site only).</summary>
    protected static string AddressOf(string path, string mobile, string? returnUrl, IUrlHelper url, bool resent) =>
        path + WithReturnUrl(QueryString.Create("mobile", mobile), returnUrl, url, resent ? ("resent", "true") : null);

    /// <summary>The page, or the first step's (<paramref name="start"/>) when no number came with it.</summary>
    protected IActionResult PageOr(string start) => MobileNumber.Normalise(Mobile) is null && Availability.Open ? Redirect(start) : Page();
}
