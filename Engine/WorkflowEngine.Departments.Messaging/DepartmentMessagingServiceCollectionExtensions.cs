using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Messaging.Consumers;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Registers the department worker's consumers of the engine's messages, beside <see cref="MessagingServiceCollectionExtensions.AddWorkflowMessaging"/>.</summary>
public static class DepartmentMessagingServiceCollectionExtensions
{
    /// <summary>The consumers of every department queue the bus topology names; none when it names none.</summary>
    public static IServiceCollection AddDepartmentConsumers(this IServiceCollection services)
    {
        // The consumers are stateless and depend only on singletons: one instance each serves every message, which
        // spares MassTransit a DI scope per message. Their definitions say how each retries.
        services.AddSingleton<ExecuteStepConsumer>();
        services.AddSingleton<CancelStepConsumer>();
        services.AddSingleton<StepDueChangedConsumer>();
        services.AddSingleton<StepWarningRaisedConsumer>();
        services.AddSingleton<StepEscalatedConsumer>();
        services.AddSingleton<StepSupplementedConsumer>();
        services.AddSingleton<StepSupplementRefusedConsumer>();
        services.AddSingleton<StepCommitmentRefusedConsumer>();
        services.AddSingleton<StepMaterialSuppliedConsumer>();
        services.AddSingleton<ApplicationFormCorrectedConsumer>();
        services.AddSingleton<IQueueEndpoints, DepartmentQueueEndpoints>();
        return services;
    }
}
