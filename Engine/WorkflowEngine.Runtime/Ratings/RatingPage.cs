namespace WorkflowEngine.Runtime.Ratings;

/// <summary>A page of the ratings list and how many match the filter in all.</summary>
public sealed record RatingPage(IReadOnlyList<RatingRecord> Items, int Total);
