using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// Finding an application by the tracking number on its receipt. Only the visitor's own are found: another applicant's
/// number is answered exactly as a number nobody has, so the page never confirms that a number exists.
/// </summary>
[Authorize(Policy = Policies.ApplicantPages)]
public sealed class TrackModel(IApplicationQueries queries, ApplicationViews views) : PageModel
{
    /// <summary>Longer than any tracking number; a longer text is refused (<see cref="Api.Window.TrackingNumbers.MaxLength"/>).</summary>
    public const int MaxLength = Api.Window.TrackingNumbers.MaxLength;

    [BindProperty]
    public string? Number { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var number = Api.Window.TrackingNumbers.Normalize(Number);
        if (number.Length == 0)
        {
            Error = ApplicantText.Current.TrackEmpty;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (number.Length > MaxLength)
        {
            Error = PageText.Current.IsEnglishText ? Api.Window.TrackingNumbers.TooLong.En : Api.Window.TrackingNumbers.TooLong.Zh;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (await queries.FindByTrackingNumberAsync(number, cancellationToken) is { } application
            && await views.CanViewAsync(User, application, cancellationToken))
        {
            return Redirect($"/applications/{application.Id}");
        }

        Error = ApplicantText.Format(ApplicantText.Current.TrackNotFoundFormat, number);
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
