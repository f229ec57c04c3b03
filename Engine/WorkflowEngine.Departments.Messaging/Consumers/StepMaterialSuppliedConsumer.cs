using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host takes a material that came late (容缺) onto the task of a step that uses it.</summary>
public sealed class StepMaterialSuppliedConsumer(DepartmentProcessor processor) : IConsumer<StepMaterialSupplied>
{
    public Task Consume(ConsumeContext<StepMaterialSupplied> context)
    {
        ContractVersions.Check(nameof(StepMaterialSupplied), context.Message.ContractVersion);
        return processor.MaterialSuppliedAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
