using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host learns the engine did not approve a step on the commitment signed at its window: the task goes back to its clerk.</summary>
public sealed class StepCommitmentRefusedConsumer(DepartmentProcessor processor) : IConsumer<StepCommitmentRefused>
{
    public Task Consume(ConsumeContext<StepCommitmentRefused> context)
    {
        ContractVersions.Check(nameof(StepCommitmentRefused), context.Message.ContractVersion);
        return processor.CommitmentRefusedAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
