using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine stops a step's clock for a department's supplement request (补正) and tells the applicant.</summary>
public sealed class StepSupplementRequestedConsumer(EngineProcessor engine) : IConsumer<StepSupplementRequested>
{
    public Task Consume(ConsumeContext<StepSupplementRequested> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepSupplementRequested), m.ContractVersion);
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepSupplementRequestedEvent(
                m.StepId, m.Attempt, m.RequestId, m.Items.Select(i => new SupplementRequestItem(i.Material, i.Reason) { Field = i.Field }).ToArray(), m.Note, m.RequestedBy, m.RequestedAt)
            {
                Department = m.Department,
                Approval = m.Approval is { } a ? new SupplementRequestApproval(a.ApprovedBy, a.ApprovedAt, a.Reason) : null,
            },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
