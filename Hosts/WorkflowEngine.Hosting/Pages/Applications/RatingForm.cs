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

    /// <summary>Whether the application still runs (neither ended, withdrawn nor cancelled): its decided steps are rated on their timeline entries.</summary>
    public bool Running => Application.Status is not ("completed" or "rejected" or "cancelled" or "withdrawn");

    /// <summary>Whether the application is rated as a whole (not only step by step, 一事一评).</summary>
    public bool RatedOverall => Rating?.Level is not null;

    /// <summary>
    /// Whether step <paramref name="stepId"/> shows its rating control on its timeline entry: the reader may rate, the
    /// application still runs, and the step is decided and not rated yet (一事一评 as soon as it is decided).
    /// </summary>
    public bool RatesOnTimeline(string stepId) => MayRate && Running && RatableSteps.Any(s => s.StepId == stepId);

    /// <summary>A step's title in the reader's language (the progress page's <see cref="ProgressView.StepTitle"/>); the recorded title when not given.</summary>
    public Func<StepDto, string>? TitleOf { get; init; }

    /// <summary>A department's name in the reader's language, by its code; the recorded name when not given.</summary>
    public Func<string?, string>? DepartmentOf { get; init; }

    /// <summary>
    /// The step a rating names (its legend, the list of step ratings given): department and title in the reader's
    /// language, as its timeline entry says them, not as recorded in Chinese.
    /// </summary>
    public string StepName(string stepId, string? department, string title)
    {
        var step = Application.Steps.FirstOrDefault(s => s.StepId == stepId);
        var code = step?.Department ?? department;
        var departmentName = DepartmentOf is not null && code is not null ? DepartmentOf(code) : step?.DepartmentName ?? department;
        return RatingWords.StepName(departmentName, step is not null && TitleOf is not null ? TitleOf(step) : title);
    }

    /// <summary>The applicant's rating of step <paramref name="stepId"/>, if given.</summary>
    public StepRatingRecord? RatingOf(string stepId) => Rating?.Steps.FirstOrDefault(s => s.StepId == stepId);

    public IReadOnlyList<string> ErrorsOf(string field) => Errors.GetValueOrDefault("rating." + field) ?? [];

    /// <summary>
    /// The department steps the applicant may rate one by one (一事一评): those their department decided and not rated yet
    /// (with the overall rating or since), in the timeline's order.
    /// </summary>
    public IReadOnlyList<StepDto> RatableSteps =>
        [.. Application.Steps.Where(s => s.Department is not null && RatingService.IsDecided(s.Status) && Rating?.Steps.Any(r => r.StepId == s.StepId) != true)];

    /// <summary>What was sent back with errors for step <paramref name="stepId"/>, if anything.</summary>
    public StepRatingInput? SentStep(string stepId) => Sent?.Steps?.FirstOrDefault(s => s.Step == stepId);

    /// <summary>The field of a form that rates one step alone (from its timeline entry): its step's id, so that a form sent with no level chosen is told so under the step.</summary>
    public const string OneStepField = "rateStep";

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
