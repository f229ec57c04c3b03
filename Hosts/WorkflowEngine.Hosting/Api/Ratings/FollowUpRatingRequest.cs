namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>
/// An administrator's follow-up (整改) of a bad rating: <c>note</c>, what was done, up to 1000 characters; <c>step</c>, a
/// step's id, to follow up that step's rating (一事一评) instead of the overall one.
/// </summary>
public sealed record FollowUpRatingRequest(string? Note, string? Step = null);
