namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>A page of ratings, newest first, and how many match the filters in all.</summary>
public sealed record RatingListDto(IReadOnlyList<RatingDto> Items, int Total);
