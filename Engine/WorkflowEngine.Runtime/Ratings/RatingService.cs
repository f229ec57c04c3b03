using System.Globalization;
using FluentValidation.Results;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// 好差评: the applicant rates an application once it has ended (completed or refused), once, and each decided
/// department step once (一事一评) as soon as it is decided, with the overall rating or on its own before or after it; a bad rating (不满意,
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

        var given = await ratings.GetAsync(applicationId, cancellationToken);
        // 一事一评: steps alone (no overall level, comment or reason) rate single decided steps, while the application
        // runs, once it has ended, or after its overall rating; the overall rating is for the ended application only.
        if (input.Level is null && string.IsNullOrWhiteSpace(input.Comment) && string.IsNullOrWhiteSpace(input.Reason)
            && (input.Steps is { Count: > 0 } || given?.Level is not null))
        {
            return application.Status is ApplicationStatuses.Cancelled or ApplicationStatuses.Withdrawn
                ? NotRatable(application.Status)
                : await RateStepsAloneAsync(application, given, input.Steps ?? [], actor, cancellationToken);
        }

        if (application.Status is not (ApplicationStatuses.Completed or ApplicationStatuses.Rejected))
        {
            return NotRatable(application.Status);
        }

        if (given?.Level is not null)
        {
            return AlreadyRated();
        }

        if (Errors(RatingInput.Validator.Instance.Validate(input)) is { } errors)
        {
            return errors;
        }

        var steps = await applications.StepsAsync(applicationId, cancellationToken);
        // The steps rated on their own before are not rated again: one sent again is refused naming it.
        var (stepRatings, stepRefusal) = RateSteps(application.TrackingNumber, input.Steps ?? [], steps, given?.Steps ?? []);
        if (stepRefusal is not null)
        {
            return stepRefusal;
        }

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
            Steps = stepRatings,
        };
        var stored = await engine.RateAsync(rating, new Dictionary<string, string?>
        {
            ["level"] = rating.Level.Value.ToString(CultureInfo.InvariantCulture),
            ["departments"] = string.Join(",", rating.Departments),
            ["onBehalfOf"] = actor.OnBehalfOf,
            ["steps"] = stepRatings.Count == 0 ? null : string.Join(",", stepRatings.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.StepId}:{r.Level}"))),
        }, cancellationToken);
        return stored is null ? AlreadyRated() : RatingOutcome.Done(stored with { Steps = Merged(given?.Steps ?? [], stored.Steps) });
    }

    /// <summary>
    /// The ratings of single decided steps (一事一评) given on their own, each once and on its own audit line: as soon as
    /// a step is decided, while the rest of the bundle still runs, and before, without or after the overall rating.
    /// </summary>
    private async Task<RatingOutcome> RateStepsAloneAsync(
        ApplicationRecord application, RatingRecord? given, IReadOnlyList<StepRatingInput> sent, ApplicantActor actor, CancellationToken cancellationToken)
    {
        if (sent.Count == 0)
        {
            return new RatingOutcome(null, new Dictionary<string, string[]>
            {
                ["steps"] = [FormMessages.Say("这件申请已经评价过了；如需单独评价尚未评价的办理环节，请至少评价一个环节", "This application has been rated already: to rate a step not rated yet, rate at least one")],
            }, RatingProblem.Invalid);
        }

        var steps = await applications.StepsAsync(application.Id, cancellationToken);
        var (stepRatings, refusal) = RateSteps(application.TrackingNumber, sent, steps, given?.Steps ?? []);
        if (refusal is not null)
        {
            return refusal;
        }

        // Another request may have rated one of them since it was read: the commit loop finds it and stores none.
        if (await engine.RateStepsAsync(application.Id, stepRatings, actor, cancellationToken) is not { } stored)
        {
            return RatingOutcome.Of(RatingProblem.Conflict, FormMessages.Say(
                "所评价的办理环节刚刚已经评价过了，每个环节只能评价一次", "A step rated here has just been rated already: each step is rated once"));
        }

        var all = Merged(given?.Steps ?? [], stored);
        return RatingOutcome.Done(given is not null ? given with { Steps = all } : new RatingRecord
        {
            ApplicationId = application.Id,
            TrackingNumber = application.TrackingNumber,
            ServiceId = application.ServiceId,
            Level = null,
            RatedBy = stored[0].RatedBy ?? actor.Id,
            OnBehalfOf = actor.OnBehalfOf,
            RatedAt = stored[0].RatedAt ?? default,
            Departments = [.. all.Select(s => s.Department).Distinct().Order(StringComparer.Ordinal)],
            Steps = all,
        });
    }

    private static StepRatingRecord[] Merged(IReadOnlyList<StepRatingRecord> before, IReadOnlyList<StepRatingRecord> now) =>
        [.. before.Concat(now).OrderBy(r => r.StepId, StringComparer.Ordinal)];

    /// <summary>Why an application in <paramref name="status"/> cannot be rated: withdrawn or cancelled, or (overall) not ended yet.</summary>
    private static RatingOutcome NotRatable(string status) =>
        RatingOutcome.Of(RatingProblem.Conflict, ApplicationStatuses.IsFinished(status)
            ? FormMessages.Say("已撤回或已终止的申请不能评价，只有办结的申请可以评价", "A withdrawn or cancelled application cannot be rated: only a decided one can")
            : FormMessages.Say("申请尚未办结，办结后才能评价整体；已办结的环节可以先单独评价", "The application is not decided yet: it can be rated as a whole once it is (a decided step can be rated on its own now)"));

    /// <summary>An administrator records what was done about a bad rating; once.</summary>
    public async Task<RatingOutcome> FollowUpAsync(Guid applicationId, FollowUpInput input, string administrator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rating = await ratings.GetAsync(applicationId, cancellationToken);
        var step = string.IsNullOrWhiteSpace(input.Step) ? null : input.Step.Trim();
        // An application rated only step by step (一事一评) has no overall rating to follow up.
        if (rating is null || (step is null && rating.Level is null))
        {
            return RatingOutcome.Of(RatingProblem.NotFound, FormMessages.Say("这个申请没有评价", "This application has no rating"));
        }

        var stepRating = step is null ? null : rating.Steps.FirstOrDefault(s => s.StepId == step);
        if (step is not null && stepRating is null)
        {
            return RatingOutcome.Of(RatingProblem.NotFound, FormMessages.Say(
                $"这个申请的办理环节“{step}”没有评价", $"This application has no rating of the step \"{step}\""));
        }

        if (!RatingLevels.IsBad(stepRating?.Level ?? rating.Level!.Value))
        {
            return RatingOutcome.Of(RatingProblem.Conflict, FormMessages.Say("只有“不满意”和“非常不满意”的评价需要整改", "Only a dissatisfied or very dissatisfied rating is followed up"));
        }

        if ((stepRating?.FollowUp ?? rating.FollowUp) is not null)
        {
            return AlreadyFollowedUp();
        }

        if (Errors(FollowUpInput.Validator.Instance.Validate(input)) is { } errors)
        {
            return errors;
        }

        if (await engine.FollowUpRatingAsync(applicationId, input.Note!.Trim(), administrator, step, cancellationToken) is not { } followUp)
        {
            return AlreadyFollowedUp();
        }

        return RatingOutcome.Done(stepRating is null
            ? rating with { FollowUp = followUp.Note, FollowedUpBy = followUp.By, FollowedUpAt = followUp.At }
            : rating with
            {
                Steps = [.. rating.Steps.Select(s => s == stepRating ? s with { FollowUp = followUp.Note, FollowedUpBy = followUp.By, FollowedUpAt = followUp.At } : s)],
            });
    }

    /// <summary>
    /// The applicant's ratings of single steps (一事一评), each of a department step of this application that is decided
    /// (approved, refused, or approved and later revoked), once, by the overall rating's rules; or the refusal, its
    /// errors each under <c>steps.&lt;step id&gt;</c> (<c>.level</c>, <c>.comment</c>, <c>.reason</c>) and naming the
    /// step: a conflict when the only fault is a step rated before (<paramref name="given"/>), else invalid.
    /// </summary>
    private static (IReadOnlyList<StepRatingRecord> Ratings, RatingOutcome? Refusal) RateSteps(
        string trackingNumber, IReadOnlyList<StepRatingInput> sent, IReadOnlyList<StepRecord> steps, IReadOnlyList<StepRatingRecord> given)
    {
        var errors = new Dictionary<string, string[]>();
        var ratedBefore = new HashSet<string>(StringComparer.Ordinal);
        var rated = new List<StepRatingRecord>();
        for (var i = 0; i < sent.Count; i++)
        {
            var input = sent[i];
            var id = input.Step?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                errors[string.Create(CultureInfo.InvariantCulture, $"steps[{i}].step")] =
                    [FormMessages.Say("请写明评价的是哪个办理环节（step）", "Say which step is rated (step)")];
                continue;
            }

            var key = "steps." + id;
            var step = steps.FirstOrDefault(s => s.StepId == id && s.Department is not null);
            if (step is null)
            {
                errors[key] = [FormMessages.Say($"申请 {trackingNumber} 没有部门办理环节“{id}”", $"Application {trackingNumber} has no department step \"{id}\"")];
            }
            else if (!IsDecided(step.Status))
            {
                errors[key] = [FormMessages.Say($"办理环节“{step.Title}”（{id}）尚未办结，办结后才能评价", $"The step \"{step.Title}\" ({id}) is not decided yet: it can be rated once it is")];
            }
            else if (given.Any(r => r.StepId == id))
            {
                errors[key] = [FormMessages.Say($"办理环节“{step.Title}”（{id}）已经评价过了，每个环节只能评价一次", $"The step \"{step.Title}\" ({id}) has been rated already: each step is rated once")];
                ratedBefore.Add(key);
            }
            else if (rated.Any(r => r.StepId == id))
            {
                errors[key] = [FormMessages.Say($"办理环节“{step.Title}”（{id}）评价了两次，每个环节只能评价一次", $"The step \"{step.Title}\" ({id}) is rated twice: each step is rated once")];
            }
            else if (Errors(RatingInput.Validator.Instance.Validate(input.AsRating)) is { } invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    errors[$"{key}.{field}"] = messages;
                }
            }
            else
            {
                rated.Add(new StepRatingRecord
                {
                    StepId = id,
                    Department = step.Department!,
                    Title = step.Title,
                    Level = input.Level!.Value,
                    Comment = RatingText.Clean(input.Comment),
                    Reason = RatingLevels.IsBad(input.Level.Value) ? RatingText.Clean(input.Reason) : null,
                });
            }
        }

        return errors.Count == 0
            ? ([.. rated.OrderBy(r => r.StepId, StringComparer.Ordinal)], null)
            : ([], new RatingOutcome(null, errors, errors.Keys.All(ratedBefore.Contains) ? RatingProblem.Conflict : RatingProblem.Invalid));
    }

    /// <summary>Whether the department decided the step, so that the applicant may rate it: approved, refused, or revoked after an approval on commitment.</summary>
    public static bool IsDecided(string stepStatus) => stepStatus is StepStatuses.Approved or StepStatuses.Rejected or StepStatuses.Revoked;

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
