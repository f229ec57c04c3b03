using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns a step it holds turned yellow or red: the task shows it, a red one tells the supervisors.</summary>
public sealed class StepWarningRaisedConsumer(DepartmentProcessor processor) : IConsumer<StepWarningRaised>
{
    public Task Consume(ConsumeContext<StepWarningRaised> context)
    {
        ContractVersions.Check(nameof(StepWarningRaised), context.Message.ContractVersion);
        return processor.RaiseWarningAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
