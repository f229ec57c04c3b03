using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The outcome of a submission at the window (<see cref="WindowSubmissions"/>): the service's outcome (the application,
/// or the errors of the applicant block and the form together), the applicant as checked, and the query code when this
/// request made the application. A repeat under the same idempotency key gets the first application and no code: only
/// the first code's hash was kept.
/// </summary>
public sealed record WindowSubmission(SubmissionOutcome Outcome, WalkInApplicant? Applicant, string? QueryCode)
{
    /// <summary>Whether the application is one an earlier request under the same idempotency key made.</summary>
    public bool IsRepeat => Outcome.Application is not null && QueryCode is null;
}
