using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Messaging.Consumers;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>The department side of the bus: one queue per department this process serves, with a consumer per message the engine sends.</summary>
public sealed class DepartmentQueueEndpoints(BusTopology topology, MessagingOptions options) : IQueueEndpoints
{
    public void Configure(QueueEndpointBuilder queues)
    {
        var context = queues.Context;
        foreach (var department in topology.Departments)
        {
            var queue = Queues.Department(department);
            queues.Queue(queue, options.LimitsOf(queue), endpoint =>
            {
                new ExecuteStepConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<ExecuteStepConsumer>(), context);
                new CancelStepConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<CancelStepConsumer>(), context);
                new StepDueChangedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepDueChangedConsumer>(), context);
                new StepWarningRaisedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepWarningRaisedConsumer>(), context);
                new StepEscalatedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepEscalatedConsumer>(), context);
                new StepSupplementedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepSupplementedConsumer>(), context);
                new StepSupplementRefusedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepSupplementRefusedConsumer>(), context);
                new StepCommitmentRefusedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepCommitmentRefusedConsumer>(), context);
                new StepMaterialSuppliedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepMaterialSuppliedConsumer>(), context);
                new ApplicationFormCorrectedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<ApplicationFormCorrectedConsumer>(), context);
            });
        }
    }
}
