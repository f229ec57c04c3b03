namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// One application's ratings (好差评) as stored: its overall rating, with the departments its steps went through and its
/// follow-up (整改), if any, and the ratings of its decided steps (一事一评). A step is rated as soon as it is decided, so
/// an application may have step ratings and no overall rating yet (<see cref="Level"/> null): then the rater and time
/// are those of its first step rating.
/// </summary>
public sealed record RatingRecord
{
    public required Guid ApplicationId { get; init; }

    public required string TrackingNumber { get; init; }

    public required string ServiceId { get; init; }

    /// <summary>The overall rating, 1 非常不满意 … 5 非常满意 (<see cref="RatingLevels"/>); null while only steps are rated.</summary>
    public required int? Level { get; init; }

    public string? Comment { get; init; }

    /// <summary>Why the service was bad: given for levels 1 and 2 only.</summary>
    public string? Reason { get; init; }

    /// <summary>The applicant, or the window staff member who recorded it for a walk-in citizen.</summary>
    public required string RatedBy { get; init; }

    /// <summary>For the audit: the walk-in citizen the window staff rated for; null when the applicant rated.</summary>
    public string? OnBehalfOf { get; init; }

    public required DateTimeOffset RatedAt { get; init; }

    /// <summary>The departments whose steps the application went through, in code order (with no overall rating yet: those of the rated steps).</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>The applicant's ratings of single department steps (一事一评), given before the overall rating, with it or since, by step id; often none.</summary>
    public IReadOnlyList<StepRatingRecord> Steps { get; init; } = [];

    /// <summary>The administrator's note of what was done about a bad rating (整改情况); null until then.</summary>
    public string? FollowUp { get; init; }

    public string? FollowedUpBy { get; init; }

    public DateTimeOffset? FollowedUpAt { get; init; }

    /// <summary>A bad rating with no follow-up recorded yet.</summary>
    public bool NeedsFollowUp => Level is { } level && RatingLevels.IsBad(level) && FollowUp is null;

    /// <summary>The rating or one of its step ratings is bad and not followed up yet.</summary>
    public bool AnyNeedsFollowUp => NeedsFollowUp || Steps.Any(s => s.NeedsFollowUp);
}
