namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>一事一评: the rating of one decided department step, <c>step</c> its id; <c>level</c>, <c>comment</c> and <c>reason</c> as for the whole application.</summary>
public sealed record StepRatingRequest(string? Step, int? Level, string? Comment, string? Reason);
