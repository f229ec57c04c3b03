using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Registration;

namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// What the registration and password-reset pages share: whether they are offered here, where to go once signed in (a
/// page of this site only), and a refused step's errors by field.
/// </summary>
[AllowAnonymous]
public abstract class RegistrationPageModel(SelfRegistrationAvailability availability) : PageModel
{
    public SelfRegistrationAvailability Availability => availability;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The page again after a refused step: 404 where it is not offered, else 422 with each error next to its field.</summary>
    protected PageResult Refused(RegistrationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Errors = outcome.FieldErrors;
        Response.StatusCode = outcome.Status == RegistrationStatus.Unavailable ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary><paramref name="query"/> with the return address kept when it is a page of this site, and <paramref name="more"/>.</summary>
    protected static QueryString WithReturnUrl(QueryString query, string? returnUrl, IUrlHelper url, (string Name, string Value)? more = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsLocalUrl(returnUrl))
        {
            query = query.Add("returnUrl", returnUrl!);
        }

        return more is { } extra ? query.Add(extra.Name, extra.Value) : query;
    }
}
