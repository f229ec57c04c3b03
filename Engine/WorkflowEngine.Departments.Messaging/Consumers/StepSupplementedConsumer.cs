using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns the applicant supplied what its request asked for: the task takes the new versions.</summary>
public sealed class StepSupplementedConsumer(DepartmentProcessor processor) : IConsumer<StepSupplemented>
{
    public Task Consume(ConsumeContext<StepSupplemented> context)
    {
        ContractVersions.Check(nameof(StepSupplemented), context.Message.ContractVersion);
        return processor.SuppliedAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
