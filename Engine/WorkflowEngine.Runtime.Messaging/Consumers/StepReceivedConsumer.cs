using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine records that a department holds a step: the acknowledgement that stops it from being sent again.</summary>
public sealed class StepReceivedConsumer(EngineProcessor engine) : IConsumer<StepReceived>
{
    public Task Consume(ConsumeContext<StepReceived> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepReceived), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepReceivedEvent(m.StepId, m.Attempt, m.ReceivedAt) { Department = m.Department },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
