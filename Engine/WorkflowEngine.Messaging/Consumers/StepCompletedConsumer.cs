using MassTransit;
using WorkflowEngine.Contracts;
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

        return engine.ApplyAsync(
            m.ApplicationId,
            new StepCompletedEvent(m.StepId, m.Attempt, outcome, m.Reason, m.Outputs, m.CompletedBy, m.CompletedAt, m.OnTime)
            {
                Department = m.Department,
                Materials = m.Materials?.Select(v => $"{v.Key}@v{v.Version}").ToArray(),
            },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
