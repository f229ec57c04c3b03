using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine moves the end of a step's excluded period, and the timer that runs its clock again with it.</summary>
public sealed class StepExclusionEndChangedConsumer(EngineProcessor engine) : IConsumer<StepExclusionEndChanged>
{
    public Task Consume(ConsumeContext<StepExclusionEndChanged> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepExclusionEndChanged), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepExclusionEndChangedEvent(m.StepId, m.Attempt, m.Until, m.ChangedBy, m.ChangedAt) { Department = m.Department },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
