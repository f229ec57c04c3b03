using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns a step it holds has a new due time, or that its clock stands still.</summary>
public sealed class StepDueChangedConsumer(DepartmentProcessor processor) : IConsumer<StepDueChanged>
{
    public Task Consume(ConsumeContext<StepDueChanged> context)
    {
        ContractVersions.Check(nameof(StepDueChanged), context.Message.ContractVersion);
        return processor.ChangeDueAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
