namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>An administrator's follow-up (整改) of a bad rating: <c>note</c>, what was done, up to 1000 characters.</summary>
public sealed record FollowUpRatingRequest(string? Note);
