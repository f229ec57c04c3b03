namespace WorkflowEngine.Runtime.Ratings;

/// <summary>One application's rating (好差评) as stored, with the departments its steps went through and its follow-up (整改), if any.</summary>
public sealed record RatingRecord
{
    public required Guid ApplicationId { get; init; }

    public required string TrackingNumber { get; init; }

    public required string ServiceId { get; init; }

    /// <summary>1 非常不满意 … 5 非常满意 (<see cref="RatingLevels"/>).</summary>
    public required int Level { get; init; }

    public string? Comment { get; init; }

    /// <summary>Why the service was bad: given for levels 1 and 2 only.</summary>
    public string? Reason { get; init; }

    /// <summary>The applicant, or the window staff member who recorded it for a walk-in citizen.</summary>
    public required string RatedBy { get; init; }

    /// <summary>For the audit: the walk-in citizen the window staff rated for; null when the applicant rated.</summary>
    public string? OnBehalfOf { get; init; }

    public required DateTimeOffset RatedAt { get; init; }

    /// <summary>The departments whose steps the application went through, in code order.</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>The applicant's ratings of single department steps (一事一评), given with this one or since, by step id; often none.</summary>
    public IReadOnlyList<StepRatingRecord> Steps { get; init; } = [];

    /// <summary>The administrator's note of what was done about a bad rating (整改情况); null until then.</summary>
    public string? FollowUp { get; init; }

    public string? FollowedUpBy { get; init; }

    public DateTimeOffset? FollowedUpAt { get; init; }

    /// <summary>A bad rating with no follow-up recorded yet.</summary>
    public bool NeedsFollowUp => RatingLevels.IsBad(Level) && FollowUp is null;

    /// <summary>The rating or one of its step ratings is bad and not followed up yet.</summary>
    public bool AnyNeedsFollowUp => NeedsFollowUp || Steps.Any(s => s.NeedsFollowUp);
}
