namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The applicant's rating of one department step of a rated application (一事一评), as stored: the step, its
/// department and title, the level, comment and reason, and its own follow-up (整改), if any. It was given with the
/// application's rating, or after it on its own (then its time and rater are on its <c>StepRated</c> audit line).
/// </summary>
public sealed record StepRatingRecord
{
    public required string StepId { get; init; }

    public required string Department { get; init; }

    /// <summary>The step's title as the applicant saw it when rating.</summary>
    public required string Title { get; init; }

    /// <summary>1 非常不满意 … 5 非常满意 (<see cref="RatingLevels"/>).</summary>
    public required int Level { get; init; }

    public string? Comment { get; init; }

    /// <summary>Why the step was handled badly: given for levels 1 and 2 only.</summary>
    public string? Reason { get; init; }

    public string? FollowUp { get; init; }

    public string? FollowedUpBy { get; init; }

    public DateTimeOffset? FollowedUpAt { get; init; }

    /// <summary>A bad step rating with no follow-up recorded yet.</summary>
    public bool NeedsFollowUp => RatingLevels.IsBad(Level) && FollowUp is null;
}
