namespace WorkflowEngine.Runtime.Ratings;

/// <summary>The outcome of a rating or a follow-up: the rating as stored, or the errors by field (<c>level</c>, <c>comment</c>, <c>reason</c>, <c>note</c>) and what kind of problem it was.</summary>
public sealed record RatingOutcome(RatingRecord? Rating, IReadOnlyDictionary<string, string[]> Errors, RatingProblem Problem = RatingProblem.None)
{
    public static RatingOutcome Done(RatingRecord rating) => new(rating, new Dictionary<string, string[]>());

    public static RatingOutcome Of(RatingProblem problem, string message) => new(null, new Dictionary<string, string[]> { [""] = [message] }, problem);
}

/// <summary>Why a rating or a follow-up was refused.</summary>
public enum RatingProblem
{
    None,

    /// <summary>A field is wrong (422).</summary>
    Invalid,

    /// <summary>No such application, or no rating to follow up (404).</summary>
    NotFound,

    /// <summary>The application has not ended, was rated already, or the rating needs no (more) follow-up (409).</summary>
    Conflict,
}
