using MassTransit;
using WorkflowEngine.Messaging.Configuration;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>
/// What every consumer of this system does on failure: a message that can never be processed as sent
/// (<see cref="InvalidMessageException"/>) goes to the error queue at once; any other failure is retried with
/// exponential back-off (50 ms plus 200 ms doubling, about 250 ms, 450 ms, 850 ms, at most 2 s; <c>Messaging:RetryLimit</c>
/// times) before it goes there.
/// </summary>
public abstract class RetryingConsumerDefinition<TConsumer>(MessagingOptions options) : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context) =>
        consumerConfigurator.UseMessageRetry(retry =>
        {
            retry.Ignore<InvalidMessageException>();
            retry.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
        });

    /// <summary>Applies this definition to a consumer instance on an endpoint.</summary>
    public void Apply(IReceiveEndpointConfigurator endpoint, TConsumer consumer, IRegistrationContext context) =>
        endpoint.Instance(consumer, instance => ((IConsumerDefinition<TConsumer>)this).Configure(endpoint, instance, context));
}
