using WorkflowEngine.Core.Forms;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>
/// One application's rating (好差评): the level and its name, the comment, the reason of a bad one, the departments its
/// steps went through, and its follow-up (整改); <c>needsFollowUp</c> for a bad one not followed up yet; <c>steps</c>,
/// the ratings of single department steps (一事一评), each with its own follow-up. A step is rated as soon as it is
/// decided, so <c>level</c> and <c>levelName</c> are null while only steps are rated (<c>ratedAt</c> is then the first
/// step rating's time).
/// </summary>
public sealed record RatingDto(
    Guid ApplicationId,
    string TrackingNumber,
    string ServiceId,
    int? Level,
    string? LevelName,
    string? Comment,
    string? Reason,
    IReadOnlyList<string> Departments,
    DateTimeOffset RatedAt,
    bool NeedsFollowUp,
    string? FollowUp,
    DateTimeOffset? FollowedUpAt,
    IReadOnlyList<StepRatingDto> Steps)
{
    /// <summary>The rating as the API shows it, its level named in English when <paramref name="english"/>.</summary>
    public static RatingDto Of(RatingRecord r, bool english)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var language = FormMessages.InEnglish(english);
        return new(r.ApplicationId, r.TrackingNumber, r.ServiceId, r.Level, r.Level is { } level ? RatingLevels.Name(level) : null, r.Comment, r.Reason, r.Departments, r.RatedAt,
            r.NeedsFollowUp, r.FollowUp, r.FollowedUpAt, [.. r.Steps.Select(StepRatingDto.Of)]);
    }
}
