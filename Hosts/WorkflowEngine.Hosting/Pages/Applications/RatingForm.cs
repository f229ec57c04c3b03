using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The rating on the progress page: the application, its rating if it has one, whether the reader may rate (the
/// applicant, or window staff for a walk-in), what was sent back with errors, and the errors by field (<c>rating.level</c>, …).
/// </summary>
public sealed record RatingForm(ApplicationDto Application, RatingRecord? Rating, bool MayRate, RatingInput? Sent, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Whether the application has ended as the rating asks: completed or refused.</summary>
    public bool Ended => Application.Status is "completed" or "rejected";

    public IReadOnlyList<string> ErrorsOf(string field) => Errors.GetValueOrDefault("rating." + field) ?? [];

    /// <summary>
    /// The department steps the applicant may rate one by one (一事一评): those their department decided and not rated yet
    /// (with the overall rating or since), in the timeline's order.
    /// </summary>
    public IReadOnlyList<StepDto> RatableSteps =>
        [.. Application.Steps.Where(s => s.Department is not null && RatingService.IsDecided(s.Status) && Rating?.Steps.Any(r => r.StepId == s.StepId) != true)];

    /// <summary>What was sent back with errors for step <paramref name="stepId"/>, if anything.</summary>
    public StepRatingInput? SentStep(string stepId) => Sent?.Steps?.FirstOrDefault(s => s.Step == stepId);

    /// <summary>The form field names (and, behind <c>rating-</c>, the element ids) of a step's rating: <c>steps.&lt;id&gt;.level</c>, <c>.reason</c>.</summary>
    public static string StepField(string stepId, string field) => $"steps.{stepId}.{field}";

    /// <summary>The step whose level field <paramref name="name"/> is (<c>steps.&lt;id&gt;.level</c>), or null for any other field.</summary>
    public static string? StepOfLevelField(string name)
    {
        const string prefix = "steps.", suffix = ".level";
        return name.Length > prefix.Length + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
            ? name[prefix.Length..^suffix.Length]
            : null;
    }
}
