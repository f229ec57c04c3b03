using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The applicant withdraws an application (撤回申请) that is not yet decided: the engine ends it as withdrawn, recalls
/// every step a department holds and stops its clocks and timers. Withdrawing it again answers as the first time did;
/// an application already decided or ended is refused. Refusals are in Chinese, or English inside <see cref="FormMessages.InEnglish"/>.
/// </summary>
public sealed class WithdrawalService(EngineProcessor engine, IApplicationQueries queries)
{
    /// <summary>The longest reason kept: a sentence or two, as on a paper withdrawal form.</summary>
    public const int ReasonLength = 500;

    /// <param name="actor">The applicant, or window staff for a walk-in citizen.</param>
    public async Task<SubmissionOutcome> WithdrawAsync(Guid applicationId, string? reason, ApplicantActor actor, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return SubmissionOutcome.Of(SubmissionProblem.UnknownApplication, FormMessages.Say("没有这个申请", "There is no such application"));
        }

        if (application.Status == ApplicationStatuses.Withdrawn)
        {
            return SubmissionOutcome.Accepted(application);
        }

        if (Refusal(application.Status) is { } refused)
        {
            return SubmissionOutcome.Of(SubmissionProblem.Closed, refused);
        }

        // At the window the citizen asks in writing, and the staff record why: the trail must not read as the staff's own decision.
        if (actor.WalkInCitizen is not null && string.IsNullOrWhiteSpace(reason))
        {
            return SubmissionOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["reason"] = [FormMessages.Say("代申请人撤回时须填写申请人提出的撤回原因", "Withdrawing for a walk-in citizen, give the reason the citizen stated")],
            });
        }

        await engine.ApplyAsync(applicationId, new WorkflowWithdrawnEvent(string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), actor.Id) { OnBehalfOf = actor.OnBehalfOf }, null, cancellationToken);
        var after = await queries.GetAsync(applicationId, cancellationToken);
        return after is { Status: ApplicationStatuses.Withdrawn }
            ? SubmissionOutcome.Accepted(after)
            : SubmissionOutcome.Of(SubmissionProblem.Closed, Refusal(after?.Status) ?? FormMessages.Say(
                "申请正在处理中，暂时不能撤回，请稍后再试", "The application is being processed and cannot be withdrawn just now: please try again shortly"));
    }

    /// <summary>Why an application in <paramref name="status"/> cannot be withdrawn, or null when it can.</summary>
    private static string? Refusal(string? status) => status switch
    {
        ApplicationStatuses.InProgress or ApplicationStatuses.AwaitingMaterials => null,
        ApplicationStatuses.Incident => FormMessages.Say(
            "申请处理异常，管理员正在处理，暂时不能撤回，请稍后再试", "The application is held up and an administrator is on it: it cannot be withdrawn until then"),
        _ => FormMessages.Say("申请已办结或已终止，不能撤回", "The application is already decided or ended: it can no longer be withdrawn"),
    };
}
