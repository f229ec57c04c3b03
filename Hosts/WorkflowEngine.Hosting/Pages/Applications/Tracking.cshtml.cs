using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Clocks;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Materials;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// An application's progress as its applicant follows it: the bundle's clock, each stage's clock around the steps inside
/// it, and every department's step with its status, due time, working time left, yellow or red card and a stopped
/// clock's reason, built by the API's own views (<see cref="ApplicationViews"/>, <see cref="ClockViews"/>); and the materials a supplement request (补正) asks for, uploaded through the API's own
/// <see cref="ApplicationService.AttachAsync"/>. An application that is not the visitor's is "not found", as one that
/// does not exist.
/// </summary>
[Authorize(Policy = Policies.ApplicantPages)]
public sealed class TrackingModel(
    ApplicationViews views, ClockViews clocks, ApplicationService applications, CommitmentService commitments, DefinitionRegistry definitions, ReferenceData reference,
    ActivityRegistry activities, IOptions<RequestLimits> limits, IOptions<EngineOptions> engine) : PageModel
{
    public ApplicationDto? Application { get; private set; }

    /// <summary>The progress as the timeline shows it; null for an application not found.</summary>
    public ProgressView? Progress { get; private set; }

    public WorkflowDefinition? Service { get; private set; }

    /// <summary>The bundle's clock, as the clocks endpoint explains it.</summary>
    public ClockDto? Bundle { get; private set; }

    /// <summary>The bundle's clock as the page shows it at the top; null when the definition gives the bundle no limit.</summary>
    public ClockSummary? BundleSummary { get; private set; }

    /// <summary>What the applicant may upload now; empty when nothing is asked for.</summary>
    public IReadOnlyList<UploadSlot> Slots { get; private set; } = [];

    /// <summary>Whether the reader is the applicant: only they upload, sign or withdraw; an administrator reads the page.</summary>
    public bool IsApplicant { get; private set; }

    /// <summary>The items of supplement requests that have not come yet: a request may be answered a file at a time.</summary>
    public IEnumerable<UploadSlot> Outstanding => Slots.Where(s => s.Supplement && s.ReceivedAt is null);

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty(SupportsGet = true)]
    public bool Uploaded { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } application || application.ApplicantId != User.Id())
        {
            return NotFoundPage();
        }

        // The judgement of the files in the page's language (the API's stays Chinese).
        using var language = FormMessages.InEnglish(PageText.Current.IsEnglishText);
        var errors = MaterialUploads.TooMany(Request.Form.Files, limits.Value) is { } tooMany
            ? new Dictionary<string, string[]> { [""] = [tooMany] }
            : null;
        if (errors is null)
        {
            var outcome = await applications.AttachAsync(id, MaterialUploads.Of(Request.Form.Files), cancellationToken);
            if (outcome.Application is not null)
            {
                return Redirect($"/applications/{id}?uploaded=true");
            }

            errors = outcome.Errors.ToDictionary();
        }

        await LoadAsync(id, cancellationToken);
        Uploaded = false;
        Errors = errors;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The applicant signs a step's commitment (告知承诺书) through the API's own <see cref="CommitmentService"/>.</summary>
    public async Task<IActionResult> OnPostCommitmentAsync(Guid id, string? step, string? textSha256, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } application || application.ApplicantId != User.Id())
        {
            return NotFoundPage();
        }

        SubmissionOutcome outcome;
        using (FormMessages.InEnglish(PageText.Current.IsEnglishText))
        {
            outcome = await commitments.SignAsync(id, step ?? "", textSha256, User.Id(), cancellationToken);
        }

        if (outcome.Application is not null)
        {
            return Redirect($"/applications/{id}#step-{step}");
        }

        await LoadAsync(id, cancellationToken);
        Errors = outcome.Errors.ToDictionary();
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>The applicant withdraws the application (撤回申请) through the API's own <see cref="WithdrawalService"/>.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, string? reason, [FromServices] WithdrawalService withdrawals, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } application || application.ApplicantId != User.Id())
        {
            return NotFoundPage();
        }

        SubmissionOutcome outcome;
        using (FormMessages.InEnglish(PageText.Current.IsEnglishText))
        {
            outcome = reason is { Length: > WithdrawalService.ReasonLength }
                ? SubmissionOutcome.Invalid(new Dictionary<string, string[]>
                {
                    ["reason"] = [FormMessages.Say($"撤回原因不能超过 {WithdrawalService.ReasonLength} 个字", $"The reason may be at most {WithdrawalService.ReasonLength} characters")],
                })
                : await withdrawals.WithdrawAsync(id, reason, User.Id(), cancellationToken);
        }

        if (outcome.Application is not null)
        {
            return Redirect($"/applications/{id}#withdrawn-note");
        }

        await LoadAsync(id, cancellationToken);
        Errors = outcome.Errors.ToDictionary();
        Response.StatusCode = outcome.Problem == SubmissionProblem.Closed ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    /// <summary>The largest file the store takes for a material (the installation's cap for one the definition no longer lists).</summary>
    public long MaxBytesOf(MaterialSpec? material) =>
        material is null ? engine.Value.MaxMaterialBytes : MaterialLimits.MaxBytesOf(material, engine.Value.MaxMaterialBytes);

    /// <summary>A step's title in the visitor's language.</summary>
    public string StepTitle(StepDto step) => Progress?.StepTitle(step) ?? step.Title;

    /// <summary>A department's name in the visitor's language.</summary>
    public string DepartmentName(string? code) => ProgressView.DepartmentName(reference, code);

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await views.VisibleAsync(id, User, cancellationToken) is not { } visible)
        {
            return false;
        }

        // As the API's read does: a look by staff at the applicant's data is on the trail (the /applications/track lookup lands here too).
        await views.RecordViewAsync(visible, User, ApplicationViews.ViaPage, cancellationToken);
        Progress = await ProgressView.LoadAsync(visible, views, clocks, definitions, activities, PageText.Current.IsEnglishText, cancellationToken);
        Application = Progress.Application;
        Service = Progress.Service;
        Bundle = Progress.Bundle;
        BundleSummary = Progress.BundleSummary;
        IsApplicant = visible.ApplicantId == User.Id();
        Slots = IsApplicant ? UploadSlot.AllOf(Application, Service) : [];
        return true;
    }

    private PageResult NotFoundPage()
    {
        Application = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
