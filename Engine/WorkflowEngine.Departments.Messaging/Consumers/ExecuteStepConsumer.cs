using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host takes a step from its queue: an automated handler decides it, or a clerk's task is created.</summary>
public sealed class ExecuteStepConsumer(DepartmentWorker worker) : IConsumer<ExecuteStep>
{
    public async Task Consume(ConsumeContext<ExecuteStep> context)
    {
        var step = context.Message;
        ContractVersions.Check(nameof(ExecuteStep), step.ContractVersion);
        if (string.IsNullOrWhiteSpace(step.StepId) || step.Attempt < 1)
        {
            throw new InvalidMessageException("ExecuteStep 缺少 stepId 或 attempt");
        }

        // The body is the engine's JSON of the step: the task keeps it as its payload rather than writing the step out again.
        await worker.ReceiveAsync(step, MessageIds.Of(context), context.ReceiveContext.Body.GetString(), context.CancellationToken);
    }
}
