using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Compliance;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine applies a department's decision and the compliance it reported.</summary>
public sealed class StepCompletedConsumer(EngineProcessor engine) : IConsumer<StepCompleted>
{
    public Task Consume(ConsumeContext<StepCompleted> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepCompleted), m.ContractVersion);
        var outcome = m.Outcome switch
        {
            StepOutcomes.Approved => StepOutcome.Approved,
            StepOutcomes.Rejected => StepOutcome.Rejected,
            _ => throw new InvalidMessageException($"StepCompleted 的 outcome 为“{m.Outcome}”，只能是 approved 或 rejected"),
        };
        if (outcome == StepOutcome.Rejected && string.IsNullOrWhiteSpace(m.Reason))
        {
            throw new InvalidMessageException("StepCompleted 不予通过时必须说明理由 reason");
        }

        if (m.Commitment is { } signature)
        {
            return engine.ApplyAsync(m.ApplicationId, SignedAtWindow(m, outcome, signature), MessageIds.Of(context), context.CancellationToken);
        }

        var compliance = m.Compliance is { } block ? ComplianceOf(block) : null;
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepCompletedEvent(m.StepId, m.Attempt, outcome, m.Reason, m.Outputs, m.CompletedBy, m.CompletedAt, m.OnTime)
            {
                Department = m.Department,
                Materials = m.Materials?.Select(v => MaterialVersionLabel.Format(v.Key, v.Version)).ToArray(),
                Compliance = compliance,
                SentAt = m.SentAt,
            },
            MessageIds.Of(context),
            context.CancellationToken);
    }

    /// <summary>
    /// An approval on the commitment the applicant signed on paper at the window (按承诺审批): the engine approves the step
    /// on it as on an online signature, or refuses it and tells the department. Refused here when it cannot be one.
    /// </summary>
    private static CommitmentSignedEvent SignedAtWindow(StepCompleted m, StepOutcome outcome, CommitmentSignature signature)
    {
        if (outcome != StepOutcome.Approved)
        {
            throw new InvalidMessageException("StepCompleted 带有 commitment（按承诺审批）时 outcome 只能是 approved");
        }

        if (signature.Channel != CommitmentChannels.Window)
        {
            throw new InvalidMessageException($"StepCompleted 的 commitment.channel 只能是 {CommitmentChannels.Window}（窗口纸质签署）");
        }

        if (string.IsNullOrWhiteSpace(signature.SignerName) || string.IsNullOrWhiteSpace(signature.SignerIdNumber)
            || string.IsNullOrWhiteSpace(signature.TextSha256) || string.IsNullOrWhiteSpace(signature.WitnessedBy) || signature.SignedAt == default)
        {
            throw new InvalidMessageException("StepCompleted 的 commitment 须有 signerName、signerIdNumber、signedAt、textSha256 与 witnessedBy");
        }

        return new CommitmentSignedEvent(m.StepId, m.Attempt, signature.TextSha256, signature.SignerName.Trim(), signature.SignedAt)
        {
            Department = m.Department,
            Channel = CommitmentState.WindowChannel,
            WitnessedBy = signature.WitnessedBy,
            SignerId = Masked(signature.SignerIdNumber.Trim()),
        };
    }

    /// <summary>An identity number as the trail keeps it: the first and last two characters, the rest starred (the department keeps the paper).</summary>
    private static string Masked(string idNumber) =>
        idNumber.Length <= 4 ? new string('*', idNumber.Length) : string.Concat(idNumber.AsSpan(0, 2), new string('*', idNumber.Length - 4), idNumber.AsSpan(idNumber.Length - 2));

    /// <summary>The host's compliance block, refused when it cannot be true of any step.</summary>
    private static ComplianceView ComplianceOf(StepComplianceReport block)
    {
        if (block.WorkingMinutesUsed < 0 || block.WorkingMinutesPaused < 0)
        {
            throw new InvalidMessageException("StepCompleted 的 compliance.workingMinutesUsed 与 workingMinutesPaused 不能为负数");
        }

        if (block.CompletedAt < block.ReceivedAt)
        {
            throw new InvalidMessageException("StepCompleted 的 compliance.completedAt 不能早于 compliance.receivedAt");
        }

        if (block.StartedAt is { } started && (started < block.ReceivedAt || started > block.CompletedAt))
        {
            throw new InvalidMessageException("StepCompleted 的 compliance.startedAt 应在 receivedAt 与 completedAt 之间");
        }

        if (block.ReceivedAt == default || block.CompletedAt == default || block.DueAt == default)
        {
            throw new InvalidMessageException("StepCompleted 的 compliance 须有 receivedAt、completedAt 与 dueAt");
        }

        return new ComplianceView(
            block.ReceivedAt, block.StartedAt, block.CompletedAt, block.DueAt, block.WorkingMinutesUsed, block.WorkingMinutesPaused, block.OnTime);
    }
}
