using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns an escalation rule applies to a step it holds: the queue puts it first, supervisors supervise it.</summary>
public sealed class StepEscalatedConsumer(DepartmentProcessor processor) : IConsumer<StepEscalated>
{
    public Task Consume(ConsumeContext<StepEscalated> context)
    {
        ContractVersions.Check(nameof(StepEscalated), context.Message.ContractVersion);
        return processor.EscalateAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
