using MassTransit;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>A department host keeps an application's corrected form and what the applicant corrected, for every task of it.</summary>
public sealed class ApplicationFormCorrectedConsumer(DepartmentProcessor processor) : IConsumer<ApplicationFormCorrected>
{
    public Task Consume(ConsumeContext<ApplicationFormCorrected> context)
    {
        ContractVersions.Check(nameof(ApplicationFormCorrected), context.Message.ContractVersion);
        return processor.FormCorrectedAsync(context.Message, MessageIds.Of(context), context.CancellationToken);
    }
}
