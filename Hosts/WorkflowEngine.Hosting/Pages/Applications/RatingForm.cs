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
}
