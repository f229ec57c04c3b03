using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine records that a clerk took a step.</summary>
public sealed class StepClaimedConsumer(EngineProcessor engine) : IConsumer<StepClaimed>
{
    public Task Consume(ConsumeContext<StepClaimed> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepClaimed), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepClaimedEvent(m.StepId, m.Attempt, m.ClaimedBy, m.ClaimedAt, m.AssignedBy) { Department = m.Department },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
