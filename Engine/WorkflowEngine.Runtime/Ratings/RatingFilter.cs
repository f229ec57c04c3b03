namespace WorkflowEngine.Runtime.Ratings;

/// <summary>Which ratings the administrators' list shows, newest first: any filter left null matches all.</summary>
/// <param name="BadOnly">Only the bad ones (不满意, 非常不满意); with <paramref name="OpenOnly"/>, only those not followed up yet.</param>
public sealed record RatingFilter(string? ServiceId, string? Department, int? Level, bool BadOnly, bool OpenOnly, int Offset, int Limit);
