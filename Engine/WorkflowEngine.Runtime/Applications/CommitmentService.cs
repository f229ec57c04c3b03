using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The applicant signs a step's commitment (告知承诺书): checked against the application's definition and where the
/// step stands, then handed to the engine, which approves the step and records the signature (who, when, and the
/// SHA-256 of the words) in the audit trail. Its refusals are in Chinese, or English inside <see cref="FormMessages.InEnglish"/>.
/// </summary>
public sealed class CommitmentService(DefinitionRegistry definitions, EngineProcessor engine, IApplicationQueries queries, TimeProvider time)
{
    /// <param name="textSha256">The hash of the text the applicant read, if the client sends it: a text changed since is not signed.</param>
    /// <param name="actor">
    /// The applicant signing online; or window staff recording that the walk-in citizen signed the paper before them
    /// (<see cref="CommitmentState.IntakeWindowChannel"/>: signed by the citizen, witnessed by the staff member).
    /// </param>
    public async Task<SubmissionOutcome> SignAsync(Guid applicationId, string stepId, string? textSha256, ApplicantActor actor, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(applicationId, cancellationToken) is not { } application)
        {
            return SubmissionOutcome.Of(SubmissionProblem.UnknownApplication, FormMessages.Say("没有这个申请", "There is no such application"));
        }

        var definition = await definitions.GetAsync(application.ServiceId, application.ServiceVersion, cancellationToken);
        if (!definition.Nodes.TryGetValue(stepId, out var node) || (node.Settings as ICommitmentSettings)?.Commitment is not { } rules)
        {
            return SubmissionOutcome.Invalid(new Dictionary<string, string[]>
            {
                ["step"] = [FormMessages.Say($"“{stepId}”不是本申请中可按告知承诺制办理的事项", $"“{stepId}” is not a step of this application that takes a commitment")],
            });
        }

        if (textSha256 is not null && !string.Equals(textSha256, rules.TextSha256, StringComparison.OrdinalIgnoreCase))
        {
            return SubmissionOutcome.Of(SubmissionProblem.Closed, FormMessages.Say(
                "承诺书的内容与您阅读的不一致（可能已更新），请重新阅读后签署",
                "The commitment is not the text you read (it may have been updated): read it again, then sign"));
        }

        if (application.Status != ApplicationStatuses.InProgress
            || application.State.Find(stepId) is not { Status: NodeStatus.Active, Attempt: > 0, Commitment: null } state)
        {
            return SubmissionOutcome.Of(SubmissionProblem.Closed, FormMessages.Say(
                $"{node.DisplayTitle}当前不在办理中，不能签署告知承诺书（尚未开始、已办结或已签署）",
                $"{TitleInEnglish(node)} is not in progress, so its commitment cannot be signed (not started yet, decided, or signed already)"));
        }

        var signer = actor.WalkInCitizen ?? actor.Id;
        var signature = actor.WalkInCitizen is null
            ? new CommitmentSignedEvent(stepId, state.Attempt, rules.TextSha256, signer, time.GetUtcNow())
            : new CommitmentSignedEvent(stepId, state.Attempt, rules.TextSha256, signer, time.GetUtcNow())
            {
                Channel = CommitmentState.IntakeWindowChannel,
                WitnessedBy = actor.Id,
                OnBehalfOf = actor.OnBehalfOf,
            };
        await engine.ApplyAsync(applicationId, signature, null, cancellationToken);
        var signed = await queries.GetAsync(applicationId, cancellationToken);
        return signed?.State.Find(stepId)?.Commitment is { SignedBy: var by, WitnessedBy: var witness } && by == signer && witness == signature.WitnessedBy
            ? SubmissionOutcome.Accepted(signed)
            : SubmissionOutcome.Of(SubmissionProblem.Closed, FormMessages.Say(
                $"{node.DisplayTitle}已由部门办理，不能再按告知承诺制审批",
                $"{TitleInEnglish(node)} has been decided by the department: it can no longer be approved on commitment"));
    }

    private static string TitleInEnglish(StepNode node) => node.Title is { } title ? title.En ?? title.Zh : node.Id;
}
