namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The applicant's rating of one department step (一事一评), as stored: the step, its department and title, the level,
/// comment and reason, who rated it and when, and its own follow-up (整改), if any. It was given with the application's
/// rating, or on its own (a <c>StepRated</c> audit line) as soon as the step was decided, before or after that rating.
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

    /// <summary>The applicant, or window staff for a walk-in; null for a rating stored before it was kept here (its audit line names them).</summary>
    public string? RatedBy { get; init; }

    /// <summary>For the audit: the walk-in citizen the window staff rated for; null when the applicant rated.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>When it was given (the commit's time); null for a rating stored before it was kept here (its audit line has it).</summary>
    public DateTimeOffset? RatedAt { get; init; }

    public string? FollowUp { get; init; }

    public string? FollowedUpBy { get; init; }

    public DateTimeOffset? FollowedUpAt { get; init; }

    /// <summary>A bad step rating with no follow-up recorded yet.</summary>
    public bool NeedsFollowUp => RatingLevels.IsBad(Level) && FollowUp is null;
}
