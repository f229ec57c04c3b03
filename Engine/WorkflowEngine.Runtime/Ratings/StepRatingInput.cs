namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The applicant's rating of one decided department step (一事一评), given beside the overall rating or after it: the step's id, and
/// the level, comment and reason under the same rules as the overall rating (<see cref="RatingInput.Validator"/>).
/// </summary>
public sealed record StepRatingInput(string? Step, int? Level, string? Comment, string? Reason)
{
    /// <summary>The level, comment and reason, to judge by the overall rating's rules.</summary>
    public RatingInput AsRating => new(Level, Comment, Reason);
}
