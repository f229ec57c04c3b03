using System.Net.Security;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// Wires MassTransit: the transport, the serializer and the error handling, on the in-memory bus (the all-in-one host)
/// or on RabbitMQ (durable queues, persistent messages, publisher confirms). The queues and their consumers come from
/// each side this process serves (<see cref="IQueueEndpoints"/>: the engine's report queue, one queue per department).
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>The name <c>/health</c> reports the broker's check under.</summary>
    public const string BrokerHealthCheck = "rabbitmq";

    public static IServiceCollection AddWorkflowMessaging(this IServiceCollection services, BusTopology topology, MessagingOptions options)
    {
        // Here, while the host is built: a wrong limit stops it with the setting's name, before the bus opens a queue.
        options.Validate();
        services.AddSingleton(topology);
        services.AddSingleton(options);
        services.AddSingleton<IMessageSender, MassTransitSender>();
        if (string.Equals(options.Transport, Transports.RabbitMq, StringComparison.OrdinalIgnoreCase))
        {
            if (options.RabbitMq.QuorumQueues)
            {
                services.AddSingleton(new QuorumQueueTopology(options.RabbitMq));
            }

            // /health names the broker (rabbitmq) beside MassTransit's own checks of the bus and its endpoints: those say
            // whether the bus consumes, this whether the broker answers at the configured address and credentials.
            services.AddSingleton(new BrokerHealthConnection(options.RabbitMq));
            services.AddHealthChecks().AddRabbitMQ(
                sp => sp.GetRequiredService<BrokerHealthConnection>().GetAsync(), name: BrokerHealthCheck, tags: ["broker"], timeout: TimeSpan.FromSeconds(10));
        }

        services.AddSingleton<FailedMessageRecorder>();
        services.AddMassTransit(bus =>
        {
            // MassTransit reports its usage to the vendor's address after the bus starts; a government deployment calls
            // no outside address.
            bus.DisableUsageTelemetry();
            switch (options.Transport.ToLowerInvariant())
            {
                case Transports.InMemory:
                    bus.UsingInMemory((context, cfg) => ConfigureBus(cfg, context, _ => { }));
                    break;
                case Transports.RabbitMq:
                    bus.UsingRabbitMq((context, cfg) =>
                    {
                        var broker = options.RabbitMq;
                        cfg.Host(broker.Host, (ushort)broker.Port, broker.VirtualHost, host =>
                        {
                            host.Username(broker.Username);
                            host.Password(broker.Password);
                            // A send completes when the broker has stored the message: the outbox row may go then.
                            host.PublisherConfirmation = true;
                            if (broker.UseTls)
                            {
                                host.UseSsl(ssl =>
                                {
                                    ssl.ServerName = broker.Host;
                                    // MassTransit accepts a broken certificate chain by default: a government bus checks it.
                                    ssl.EnforcePolicyErrors(SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch
                                        | SslPolicyErrors.RemoteCertificateNotAvailable);
                                });
                            }
                        });
                        ConfigureBus(cfg, context, endpoint =>
                        {
                            var rabbit = (IRabbitMqReceiveEndpointConfigurator)endpoint;
                            // A queue and its exchange of the same name, nothing else: no exchanges per message type
                            // (the engine and the departments send to a queue, they never publish), which keeps the
                            // topology the one docs/messages.md describes for systems that are not .NET.
                            rabbit.ConfigureConsumeTopology = false;
                            rabbit.Durable = true;
                            if (broker.QuorumQueues)
                            {
                                rabbit.SetQuorumQueue();
                            }
                        });
                    });
                    break;
                default:
                    throw new InvalidOperationException(
                        $"Messaging:Transport “{options.Transport}” is not known: use {Transports.InMemory} (one process) or {Transports.RabbitMq}.");
            }
        });
        return services;
    }

    private static void ConfigureBus(
        IBusFactoryConfigurator cfg, IBusRegistrationContext context, Action<IReceiveEndpointConfigurator> transport)
    {
        // Plain JSON bodies with the message id and type in the headers: lighter than MassTransit's envelope, and the
        // shape a department system that is not .NET reads and writes. Not MassTransit's default AnyMessageType: each
        // consumer takes only the types a message's header names (and one without a type fails to deserialize).
        const RawSerializerOptions raw = RawSerializerOptions.AddTransportHeaders;
        cfg.UseRawJsonSerializer(raw, isDefault: true);
        cfg.AddDeserializer(new ContractJsonDeserializer(raw), isDefault: true);
        cfg.ConfigureJsonSerializerOptions(json =>
        {
            json.Encoder = MessageJson.Options.Encoder;
            return json;
        });
        // Each side's queues as that side registered them (an engine host has no department queue, a department host
        // no engine queue).
        var queues = new QueueEndpointBuilder(cfg, context, transport);
        foreach (var side in context.GetServices<IQueueEndpoints>())
        {
            side.Configure(queues);
        }
    }

    internal static void Configure(IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, EndpointLimits limits, Action<IReceiveEndpointConfigurator> transport)
    {
        endpoint.ConcurrentMessageLimit = limits.ConcurrentMessageLimit;
        endpoint.PrefetchCount = limits.PrefetchCount;
        transport(endpoint);

        // A message given up on is kept in the database first, then moved to <queue>_error (RabbitMQ: with the reason in
        // its MT-Fault-* headers); one no consumer takes goes to <queue>_skipped. No Fault<T> event is published:
        // nothing consumes one, and on RabbitMQ each would add an exchange.
        var recorder = context.GetRequiredService<FailedMessageRecorder>();
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new FailedMessageFilter(recorder));
            error.UseFilter(new ErrorTransportFilter());
        });
        endpoint.ConfigureDeadLetter(deadLetter =>
        {
            deadLetter.UseFilter(new SkippedMessageFilter(recorder));
            deadLetter.UseFilter(new DeadLetterTransportFilter());
        });
    }
}
