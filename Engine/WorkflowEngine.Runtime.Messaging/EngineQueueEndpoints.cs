using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Messaging.Consumers;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>The engine's side of the bus: the report queue, with a consumer per report a department sends.</summary>
public sealed class EngineQueueEndpoints(MessagingOptions options) : IQueueEndpoints
{
    public void Configure(QueueEndpointBuilder queues) =>
        queues.Queue(Queues.EngineReports, options.LimitsOf(Queues.EngineReports), endpoint =>
        {
            var context = queues.Context;
            new StepReceivedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepReceivedConsumer>(), context);
            new StepClaimedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepClaimedConsumer>(), context);
            new StepReleasedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepReleasedConsumer>(), context);
            new StepExclusionStartedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExclusionStartedConsumer>(), context);
            new StepExclusionEndedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExclusionEndedConsumer>(), context);
            new StepExclusionEndChangedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExclusionEndChangedConsumer>(), context);
            new StepExtendedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExtendedConsumer>(), context);
            new StepSupplementRequestedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepSupplementRequestedConsumer>(), context);
            new StepCompletedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepCompletedConsumer>(), context);
        });
}
