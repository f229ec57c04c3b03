using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns the engine refused one of its supplement requests: its supervisors read why.</summary>
public sealed class StepSupplementRefusedConsumer(DepartmentProcessor processor) : IConsumer<StepSupplementRefused>
{
    public Task Consume(ConsumeContext<StepSupplementRefused> context)
    {
        ContractVersions.Check(nameof(StepSupplementRefused), context.Message.ContractVersion);
        return processor.SupplementRefusedAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
