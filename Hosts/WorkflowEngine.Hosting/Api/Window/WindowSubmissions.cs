using System.Security.Claims;
using System.Text.Json.Nodes;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The one way a window submission is made, for the API (<c>POST /api/window/applications</c>) and the 受理台 page
/// alike: the applicant block checked (<see cref="WalkInApplicantInput"/>), reported with the form's own errors so that
/// the staff put everything right in one go, then the applicant's own submission path under a fresh query code.
/// Messages are in the language of <see cref="FormMessages"/>.
/// </summary>
public sealed class WindowSubmissions(ApplicationService applications, DefinitionRegistry definitions, TimeProvider time)
{
    /// <summary>
    /// Submits for the citizen in <paramref name="applicantBlock"/>. Under an idempotency key a repeat (a retry at the
    /// counter after a lost answer, a second click) makes no second application: it gets the first, without a code.
    /// <paramref name="language"/> is the one the citizen is written to in (<see cref="ApplicantLanguages"/>), as the staff chose it with them.
    /// </summary>
    public async Task<WindowSubmission> SubmitAsync(
        ClaimsPrincipal staff,
        string serviceId,
        JsonObject? form,
        JsonNode? applicantBlock,
        IReadOnlyList<UploadedMaterial> uploads,
        IdempotencyKey? idempotency,
        string language,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (WalkInApplicantInput.Read(applicantBlock, time.GetUtcNow(), errors) is not { } applicant)
        {
            if (await definitions.GetLatestPublishedAsync(serviceId, cancellationToken) is { } definition)
            {
                foreach (var (field, messages) in applications.CheckForm(definition, form).Errors)
                {
                    errors.TryAdd(field, messages);
                }
            }

            return new WindowSubmission(SubmissionOutcome.Invalid(errors), null, null);
        }

        var code = QueryCodes.New();
        var hash = QueryCodes.Hash(code)!;
        var intake = new WalkInIntake(staff.Id(), applicant.IdType, applicant.IdNumber, applicant.Phone, hash);
        var outcome = await applications.SubmitAsync(
            serviceId, form, uploads, new Applicant(WalkInIntake.OwnerPrefix + staff.Id(), applicant.Name, intake, language), idempotency, cancellationToken);

        // A repeat gets the first application, stored with the first code's hash: this code was never stored.
        return new WindowSubmission(outcome, applicant, outcome.Application?.QueryCodeSha256 == hash ? code : null);
    }
}
