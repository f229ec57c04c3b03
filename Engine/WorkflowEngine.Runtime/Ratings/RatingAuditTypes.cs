namespace WorkflowEngine.Runtime.Ratings;

/// <summary>The audit types of the rating (好差评), lines of the rated application's trail.</summary>
public static class RatingAuditTypes
{
    /// <summary>The applicant (or window staff for a walk-in citizen) rated the ended application.</summary>
    public const string Rated = "Rated";

    /// <summary>
    /// The applicant (or window staff) rated a single decided step (一事一评) on its own — as soon as it was decided,
    /// before, without or after the overall rating; the line names the step. Step ratings given with the overall rating
    /// are on its <see cref="Rated"/> line.
    /// </summary>
    public const string StepRated = "StepRated";

    /// <summary>An administrator recorded the follow-up (整改) of a bad rating.</summary>
    public const string RatingFollowedUp = "RatingFollowedUp";
}
