using MassTransit;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Opens a queue with the transport's settings and this system's error and dead-letter handling, for an <see cref="IQueueEndpoints"/>.</summary>
public sealed class QueueEndpointBuilder(IBusFactoryConfigurator bus, IBusRegistrationContext context, Action<IReceiveEndpointConfigurator> transport)
{
    /// <summary>Where the consumers and their definitions' services come from.</summary>
    public IBusRegistrationContext Context => context;

    /// <summary>Opens <paramref name="queue"/> with its prefetch and concurrency (<see cref="MessagingOptions.LimitsOf"/>), with the consumers <paramref name="consumers"/> puts on it.</summary>
    public void Queue(string queue, EndpointLimits limits, Action<IReceiveEndpointConfigurator> consumers) =>
        bus.ReceiveEndpoint(queue, endpoint =>
        {
            MessagingServiceCollectionExtensions.Configure(endpoint, context, limits, transport);
            consumers(endpoint);
        });
}
