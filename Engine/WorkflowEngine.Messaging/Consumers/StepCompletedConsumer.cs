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

        var compliance = m.Compliance is { } block ? ComplianceOf(block) : null;
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepCompletedEvent(m.StepId, m.Attempt, outcome, m.Reason, m.Outputs, m.CompletedBy, m.CompletedAt, m.OnTime)
            {
                Department = m.Department,
                Materials = m.Materials?.Select(v => $"{v.Key}@v{v.Version}").ToArray(),
                Compliance = compliance,
            },
            MessageIds.Of(context),
            context.CancellationToken);
    }

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
