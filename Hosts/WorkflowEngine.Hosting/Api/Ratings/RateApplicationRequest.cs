namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>
/// 好差评: <c>level</c> 1 (非常不满意) to 5 (非常满意); <c>comment</c> optional, up to 500 characters; <c>reason</c>
/// required for 1 and 2, up to 500 characters; <c>steps</c> optional, the ratings of single decided department steps
/// (一事一评), each once, under the same rules. Once the application is rated, <c>steps</c> alone rates the decided
/// steps not rated yet.
/// </summary>
public sealed record RateApplicationRequest(int? Level, string? Comment, string? Reason, IReadOnlyList<StepRatingRequest>? Steps = null);
