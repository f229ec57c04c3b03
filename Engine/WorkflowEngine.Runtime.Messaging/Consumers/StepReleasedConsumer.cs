using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine records that a clerk gave a step back to the department's queue.</summary>
public sealed class StepReleasedConsumer(EngineProcessor engine) : IConsumer<StepReleased>
{
    public Task Consume(ConsumeContext<StepReleased> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepReleased), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepReleasedEvent(m.StepId, m.Attempt, m.ReleasedBy, m.ReleasedAt, m.ClaimedAt) { Department = m.Department },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
