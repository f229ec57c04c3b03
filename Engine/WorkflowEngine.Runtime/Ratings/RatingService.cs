using System.Globalization;
using FluentValidation.Results;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// 好差评: the applicant rates an application once it has ended (completed or refused), once; a bad rating (不满意,
/// 非常不满意) says why, and an administrator records its follow-up (整改). Each is a line of the application's audit
/// trail. Refusals are in Chinese, or English inside <see cref="FormMessages.InEnglish"/>.
/// </summary>
/// <remarks>
/// The rating and its follow-up are each written with their audit line in one transaction of the application's commit
/// loop (<see cref="EngineProcessor.RateAsync"/>), so neither is ever stored without its line on the hash-chained trail.
/// The loop and the rating table's key keep a rating to one, and a follow-up to one, even for two requests at once.
/// </remarks>
public sealed class RatingService(IRatingStore ratings, IApplicationQueries applications, EngineProcessor engine)
{
    /// <param name="actor">The applicant, or window staff for a walk-in citizen (<see cref="ApplicantActor"/>).</param>
    public async Task<RatingOutcome> RateAsync(Guid applicationId, RatingInput input, ApplicantActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (await applications.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return RatingOutcome.Of(RatingProblem.NotFound, FormMessages.Say("没有这个申请", "There is no such application"));
        }

        if (application.Status is not (ApplicationStatuses.Completed or ApplicationStatuses.Rejected))
        {
            return RatingOutcome.Of(RatingProblem.Conflict, ApplicationStatuses.IsFinished(application.Status)
                ? FormMessages.Say("已撤回或已终止的申请不能评价，只有办结的申请可以评价", "A withdrawn or cancelled application cannot be rated: only a decided one can")
                : FormMessages.Say("申请尚未办结，办结后才能评价", "The application is not decided yet: it can be rated once it is"));
        }

        if (await ratings.GetAsync(applicationId, cancellationToken) is not null)
        {
            return AlreadyRated();
        }

        if (Errors(RatingInput.Validator.Instance.Validate(input)) is { } errors)
        {
            return errors;
        }

        var steps = await applications.StepsAsync(applicationId, cancellationToken);
        var rating = new RatingRecord
        {
            ApplicationId = applicationId,
            TrackingNumber = application.TrackingNumber,
            ServiceId = application.ServiceId,
            Level = input.Level!.Value,
            Comment = RatingText.Clean(input.Comment),
            Reason = RatingLevels.IsBad(input.Level.Value) ? RatingText.Clean(input.Reason) : null,
            RatedBy = actor.Id,
            OnBehalfOf = actor.OnBehalfOf,
            RatedAt = default, // the commit's time: EngineBatch.Rate sets it
            Departments = [.. steps.Select(s => s.Department).OfType<string>().Distinct().Order(StringComparer.Ordinal)],
        };
        var stored = await engine.RateAsync(rating, new Dictionary<string, string?>
        {
            ["level"] = rating.Level.ToString(CultureInfo.InvariantCulture),
            ["departments"] = string.Join(",", rating.Departments),
            ["onBehalfOf"] = actor.OnBehalfOf,
        }, cancellationToken);
        return stored is null ? AlreadyRated() : RatingOutcome.Done(stored);
    }

    /// <summary>An administrator records what was done about a bad rating; once.</summary>
    public async Task<RatingOutcome> FollowUpAsync(Guid applicationId, FollowUpInput input, string administrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await ratings.GetAsync(applicationId, cancellationToken) is not { } rating)
        {
            return RatingOutcome.Of(RatingProblem.NotFound, FormMessages.Say("这个申请没有评价", "This application has no rating"));
        }

        if (!RatingLevels.IsBad(rating.Level))
        {
            return RatingOutcome.Of(RatingProblem.Conflict, FormMessages.Say("只有“不满意”和“非常不满意”的评价需要整改", "Only a dissatisfied or very dissatisfied rating is followed up"));
        }

        if (rating.FollowUp is not null)
        {
            return AlreadyFollowedUp();
        }

        if (Errors(FollowUpInput.Validator.Instance.Validate(input)) is { } errors)
        {
            return errors;
        }

        return await engine.FollowUpRatingAsync(applicationId, input.Note!.Trim(), administrator, cancellationToken) is { } followUp
            ? RatingOutcome.Done(rating with { FollowUp = followUp.Note, FollowedUpBy = followUp.By, FollowedUpAt = followUp.At })
            : AlreadyFollowedUp();
    }

    private static RatingOutcome AlreadyRated() =>
        RatingOutcome.Of(RatingProblem.Conflict, FormMessages.Say("这件申请已经评价过了，每件申请只能评价一次", "This application has been rated already: each application is rated once"));

    private static RatingOutcome AlreadyFollowedUp() =>
        RatingOutcome.Of(RatingProblem.Conflict, FormMessages.Say("这条差评的整改情况已经记录过了", "The follow-up of this rating has been recorded already"));

    /// <summary>The validator's errors by field (camelCase, as the API's JSON names them), or null when there are none.</summary>
    private static RatingOutcome? Errors(ValidationResult result) =>
        result.IsValid
            ? null
            : new RatingOutcome(null, result.Errors
                .GroupBy(e => JsonName(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()), RatingProblem.Invalid);

    private static string JsonName(string property) => property.Length == 0 ? "" : char.ToLowerInvariant(property[0]) + property[1..];
}
