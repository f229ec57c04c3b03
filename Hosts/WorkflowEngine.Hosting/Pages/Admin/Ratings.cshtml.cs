using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Ratings;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// 好差评: the applicants' ratings, newest first, filtered by service, department and level as <c>GET /api/admin/ratings</c>
/// filters them; the bad ones (不满意, 非常不满意) marked as awaiting follow-up until an administrator records what was done
/// (整改), which is on the application's audit trail.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class RatingsModel(IRatingStore ratings, RatingService service, DefinitionRegistry definitions, ReferenceData reference) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Service { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    /// <summary>Only bad ratings not followed up yet.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Open { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Offset { get; set; }

    public IReadOnlyList<RatingRecord> Items { get; private set; } = [];

    public int Total { get; private set; }

    public Paging Range { get; private set; } = Paging.Of(null, null);

    public IReadOnlyList<(string Id, string Title)> Services { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];

    /// <summary>The follow-up just recorded, to confirm; or why it was refused.</summary>
    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The follow-up form's error, by the rated application and step (null for the overall rating).</summary>
    public (Guid Application, string? Step, string Error, string? Note)? NoteError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostFollowUpAsync(Guid application, string? step, string? note, CancellationToken cancellationToken)
    {
        RatingOutcome outcome;
        using (FormMessages.InEnglish(PageText.Current.IsEnglishText))
        {
            outcome = await service.FollowUpAsync(application, new FollowUpInput(note, step), User.Id(), cancellationToken);
        }

        if (outcome.Rating is { } rating)
        {
            Done = AdminText.Say($"已记录 {rating.TrackingNumber} 的整改情况。", $"The follow-up of {rating.TrackingNumber} is recorded.");
        }
        else if (outcome.Problem == RatingProblem.Invalid)
        {
            NoteError = (application, string.IsNullOrEmpty(step) ? null : step, string.Join(" ", outcome.Errors.Values.SelectMany(e => e)), note);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        else
        {
            Problem = string.Join(" ", outcome.Errors.Values.SelectMany(e => e));
            Response.StatusCode = outcome.Problem == RatingProblem.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        }

        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var text = PageText.Current;
        Services = [.. (await definitions.ListLatestPublishedAsync(cancellationToken)).Select(d => (d.Id, text.Of(d.Title))).OrderBy(s => s.Id, StringComparer.Ordinal)];
        Departments = [.. reference.Departments.Values.Select(d => (d.Code, text.Of(d.Name))).OrderBy(d => d.Code, StringComparer.Ordinal)];
        var errors = new Dictionary<string, ProblemText[]>();
        var filter = RatingsEndpoints.ReadFilter(Service, Department, Level, null, Open ? "true" : null, errors);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field, string.Join(" ", messages.Select(m => text.IsEnglishText ? m.En : m.Zh)));
        }

        if (errors.Count > 0)
        {
            return;
        }

        Range = Paging.Of(null, Offset, 50);
        var page = await ratings.ListAsync(filter with { BadOnly = Open, Offset = Range.Offset, Limit = Range.Limit }, cancellationToken);
        Items = page.Items;
        Total = page.Total;
    }

    public string ServiceTitle(string id) => Services.FirstOrDefault(s => s.Id == id).Title ?? id;

    public string DepartmentName(string code) => Departments.FirstOrDefault(d => d.Code == code).Name ?? code;

    /// <summary>This list with another offset, keeping the filters.</summary>
    public string Link(int offset) => QueryHelpers.AddQueryString("/admin/ratings", new Dictionary<string, string?>
    {
        ["service"] = Service,
        ["department"] = Department,
        ["level"] = Level,
        ["open"] = Open ? "true" : null,
        ["offset"] = offset.ToString(CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value)));

    /// <summary>The id of one rating's follow-up note, unique on the page: of the overall rating, or of a step's.</summary>
    public static string NoteId(Guid application, string? step = null) => step is null ? $"note-{application:N}" : $"note-{application:N}-{step}";

    /// <summary>The follow-up form of a bad rating, with what a refused post of it sent and why it was refused.</summary>
    public RatingFollowUpForm FollowUpForm(Guid application, string? step, string label) =>
        NoteError is { } e && e.Application == application && e.Step == step
            ? new RatingFollowUpForm(application, step, label, e.Error, e.Note)
            : new RatingFollowUpForm(application, step, label, null, null);
}
