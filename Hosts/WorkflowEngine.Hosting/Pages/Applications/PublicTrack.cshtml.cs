using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The public look-up (<c>/track</c>): a citizen who applied at the window, without an account, follows the application
/// with the receipt's tracking number and query code. The progress is the answer to the form's POST, so the code never
/// goes into a URL; it shows the steps, their clocks and cards, what a supplement request asks to be brought to the window
/// and a commitment to sign there, never the form, the materials or a name. A wrong code and an unknown number get one
/// answer, and every try counts against the look-up's limit per address and number (<see cref="TrackingLookupLimiter"/>).
/// </summary>
[AllowAnonymous]
public sealed class PublicTrackModel(
    IApplicationQueries queries,
    ApplicationViews views,
    ClockViews clocks,
    DefinitionRegistry definitions,
    ReferenceData reference,
    ActivityRegistry activities,
    TrackingLookupLimiter limiter) : PageModel
{
    /// <summary>Longer than any tracking number; a longer text is refused (<see cref="Api.Window.TrackingNumbers.MaxLength"/>).</summary>
    public const int NumberMaxLength = Api.Window.TrackingNumbers.MaxLength;

    /// <summary>Room for a code typed with spaces and hyphens; <see cref="QueryCodes.Hash"/> refuses longer text.</summary>
    public const int CodeMaxLength = 32;

    [BindProperty]
    public string? Number { get; set; }

    /// <summary>
    /// Bound from the POST's form only, never from a query string (a code in an address is kept in logs, the browser's
    /// history and the <c>Referer</c> of the next page), and never written back into the page.
    /// </summary>
    [BindProperty]
    [FromForm]
    public string? Code { get; set; }

    /// <summary>Each field's messages by field (<c>Number</c>, <c>Code</c>); the key "" for one that concerns both.</summary>
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>The progress found; null until a look-up matches.</summary>
    public ProgressView? Progress { get; private set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var words = PublicTrackText.Current;
        Number = Number?.Trim();
        if (string.IsNullOrEmpty(Number))
        {
            Errors["Number"] = [words.NumberEmpty];
        }
        else if (Api.Window.TrackingNumbers.Normalize(Number).Length > NumberMaxLength)
        {
            Errors["Number"] = [PageText.Current.IsEnglishText ? Api.Window.TrackingNumbers.TooLong.En : Api.Window.TrackingNumbers.TooLong.Zh];
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            Errors["Code"] = [words.CodeEmpty];
        }

        if (Errors.Count > 0)
        {
            return Refused(StatusCodes.Status422UnprocessableEntity);
        }

        var english = PageText.Current.IsEnglishText;
        if (!Api.Window.TrackingNumbers.IsWellFormed(Number))
        {
            // Refused before the limit counts it: text that is no number must not share a bucket with a real one.
            Errors["Number"] = [english ? Api.Window.TrackingNumbers.NotANumber.En : Api.Window.TrackingNumbers.NotANumber.Zh];
            return Refused(StatusCodes.Status422UnprocessableEntity);
        }

        if (limiter.TryAcquire(HttpContext, Number) is { } seconds)
        {
            Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var refusal = TrackingLookupLimiter.Refusal(seconds);
            Errors[""] = [english ? refusal.En : refusal.Zh];
            return Refused(StatusCodes.Status429TooManyRequests);
        }

        if (await WindowEndpoints.FindWalkInAsync(Number, Code, queries, cancellationToken) is not { } application)
        {
            Errors[""] = [english ? WindowEndpoints.NoSuchReceipt.En : WindowEndpoints.NoSuchReceipt.Zh];
            return Refused(StatusCodes.Status404NotFound);
        }

        Progress = await ProgressView.LoadAsync(application, views, clocks, definitions, activities, english, cancellationToken);
        ToBring = [.. UploadSlot.AllOf(Progress.Application, Progress.Service).Where(s => s.ReceivedAt is null)];
        Code = null;
        return Page();
    }

    /// <summary>A department's name in the visitor's language.</summary>
    public string DepartmentName(string? code) => ProgressView.DepartmentName(reference, code);

    /// <summary>
    /// What the citizen is to bring to the window, as the applicant's progress page offers it for upload: what a
    /// supplement request (补正) asks for and has not come yet, and a material still missing or coming later (容缺).
    /// </summary>
    public IReadOnlyList<UploadSlot> ToBring { get; private set; } = [];

    private PageResult Refused(int status)
    {
        Code = null;
        Response.StatusCode = status;
        return Page();
    }
}
