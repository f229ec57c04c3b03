namespace WorkflowEngine.Runtime.Ratings;

/// <summary>The audit types of the rating (好差评), lines of the rated application's trail.</summary>
public static class RatingAuditTypes
{
    /// <summary>The applicant (or window staff for a walk-in citizen) rated the ended application.</summary>
    public const string Rated = "Rated";

    /// <summary>An administrator recorded the follow-up (整改) of a bad rating.</summary>
    public const string RatingFollowedUp = "RatingFollowedUp";
}
