using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine stops a step's clock for a period a clerk recorded as not counted.</summary>
public sealed class StepExclusionStartedConsumer(EngineProcessor engine) : IConsumer<StepExclusionStarted>
{
    public Task Consume(ConsumeContext<StepExclusionStarted> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepExclusionStarted), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepExclusionStartedEvent(m.StepId, m.Attempt, m.Kind, ExclusionKinds.Names.GetValueOrDefault(m.Kind, m.Kind), m.Reason, m.Until, m.StartedBy, m.StartedAt)
            {
                Department = m.Department,
                KindNameEn = ExclusionKinds.NamesEn.GetValueOrDefault(m.Kind),
            },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
