using WorkflowEngine.Core.Forms;
using WorkflowEngine.Runtime.Ratings;

namespace WorkflowEngine.Hosting.Api.Ratings;

/// <summary>
/// The rating of one department step (一事一评): the step, its department and title, the level and its name, the
/// comment, the reason of a bad one, when it was given (null for one stored before that was kept), and its own
/// follow-up (整改); <c>needsFollowUp</c> for a bad one not followed up yet.
/// </summary>
public sealed record StepRatingDto(
    string StepId,
    string Department,
    string Title,
    int Level,
    string LevelName,
    string? Comment,
    string? Reason,
    DateTimeOffset? RatedAt,
    bool NeedsFollowUp,
    string? FollowUp,
    DateTimeOffset? FollowedUpAt)
{
    /// <summary>The step's rating as the API shows it, its level named in the current language of <see cref="FormMessages"/>.</summary>
    public static StepRatingDto Of(StepRatingRecord s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.StepId, s.Department, s.Title, s.Level, RatingLevels.Name(s.Level), s.Comment, s.Reason, s.RatedAt, s.NeedsFollowUp, s.FollowUp, s.FollowedUpAt);
    }
}
