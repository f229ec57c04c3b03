using MassTransit;
using WorkflowEngine.Calendars;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The engine adds an extension a department's supervisor approved to the step's clock.</summary>
public sealed class StepExtendedConsumer(EngineProcessor engine) : IConsumer<StepExtended>
{
    public Task Consume(ConsumeContext<StepExtended> context)
    {
        var m = context.Message;
        ContractVersions.Check(nameof(StepExtended), m.ContractVersion);
        var added = new WorkingTimeLimit { WorkingDays = m.WorkingDays, WorkingHours = m.WorkingHours };
        return engine.ApplyAsync(
            m.ApplicationId,
            new StepExtendedEvent(m.StepId, m.Attempt, m.ExtensionId, added, m.Reason, m.RequestedBy, m.ApprovedBy, m.ApprovedAt) { Department = m.Department },
            MessageIds.Of(context),
            context.CancellationToken);
    }
}
