namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The outcome of a submission or an upload: the application, or the errors by field (<c>form.&lt;key&gt;</c>,
/// <c>materials.&lt;key&gt;</c>), or a problem with the request as a whole.
/// </summary>
public sealed record SubmissionOutcome(
    ApplicationRecord? Application,
    IReadOnlyDictionary<string, string[]> Errors,
    SubmissionProblem Problem = SubmissionProblem.None)
{
    public static SubmissionOutcome Accepted(ApplicationRecord application) =>
        new(application, new Dictionary<string, string[]>());

    public static SubmissionOutcome Invalid(IReadOnlyDictionary<string, string[]> errors, SubmissionProblem problem = SubmissionProblem.Invalid) =>
        new(null, errors, problem);

    public static SubmissionOutcome Of(SubmissionProblem problem, string message) =>
        new(null, new Dictionary<string, string[]> { [""] = [message] }, problem);
}

/// <summary>What kind of problem refused a submission.</summary>
public enum SubmissionProblem
{
    None,
    Invalid,
    UnknownService,
    UnknownApplication,
    TooLarge,
    Closed,

    /// <summary>The idempotency key was used before, with another request.</summary>
    IdempotencyConflict,
}
