using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine runs a step's clock again when its excluded period ends.</summary>
public sealed class StepExclusionEndedConsumer(EngineProcessor engine) : IConsumer<StepExclusionEnded>
{
    public Task Consume(ConsumeContext<StepExclusionEnded> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepExclusionEnded), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepExclusionEndedEvent(m.StepId, m.Attempt, m.EndedBy, m.EndedAt) { Department = m.Department },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
