using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Messaging.Consumers;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Registers the engine's consumers of department reports, beside <see cref="MessagingServiceCollectionExtensions.AddWorkflowMessaging"/>.</summary>
public static class EngineMessagingServiceCollectionExtensions
{
    public static IServiceCollection AddEngineConsumers(this IServiceCollection services)
    {
        // The consumers are stateless and depend only on singletons: one instance each serves every message, which
        // spares MassTransit a DI scope per message. Their definitions say how each retries.
        services.AddSingleton<StepReceivedConsumer>();
        services.AddSingleton<StepClaimedConsumer>();
        services.AddSingleton<StepReleasedConsumer>();
        services.AddSingleton<StepExclusionStartedConsumer>();
        services.AddSingleton<StepExclusionEndedConsumer>();
        services.AddSingleton<StepExclusionEndChangedConsumer>();
        services.AddSingleton<StepExtendedConsumer>();
        services.AddSingleton<StepSupplementRequestedConsumer>();
        services.AddSingleton<StepCompletedConsumer>();
        services.AddSingleton<IQueueEndpoints, EngineQueueEndpoints>();
        return services;
    }
}
