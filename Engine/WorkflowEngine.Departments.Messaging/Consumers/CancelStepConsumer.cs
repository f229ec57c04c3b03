using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns a step it holds was recalled: the clerk's task is withdrawn with the reason.</summary>
public sealed class CancelStepConsumer(DepartmentProcessor processor) : IConsumer<CancelStep>
{
    public Task Consume(ConsumeContext<CancelStep> context)
    {
        ContractVersions.Check(nameof(CancelStep), context.Message.ContractVersion);
        return processor.CancelAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
