using System.Net.Security;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Messaging.Consumers;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// Wires MassTransit: the engine's report queue and one queue per department this process serves, on the in-memory bus
/// (the all-in-one host) or on RabbitMQ (durable queues, persistent messages, publisher confirms).
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowMessaging(this IServiceCollection services, BusTopology topology, MessagingOptions options)
    {
        services.AddSingleton(topology);
        services.AddSingleton(options);
        services.AddSingleton<IMessageSender, MassTransitSender>();
        if (string.Equals(options.Transport, Transports.RabbitMq, StringComparison.OrdinalIgnoreCase) && options.RabbitMq.QuorumQueues)
        {
            services.AddSingleton(new QuorumQueueTopology(options.RabbitMq));
        }

        // The consumers are stateless and depend only on singletons: one instance each serves every message, which
        // spares MassTransit a DI scope per message. Their definitions say how each retries.
        // Only the side this process serves: an engine host has no department worker, a department host no engine.
        if (topology.Departments.Count > 0)
        {
            services.AddSingleton<ExecuteStepConsumer>();
            services.AddSingleton<CancelStepConsumer>();
            services.AddSingleton<StepDueChangedConsumer>();
            services.AddSingleton<StepWarningRaisedConsumer>();
            services.AddSingleton<StepEscalatedConsumer>();
            services.AddSingleton<StepSupplementedConsumer>();
            services.AddSingleton<StepSupplementRefusedConsumer>();
            services.AddSingleton<StepCommitmentRefusedConsumer>();
            services.AddSingleton<StepMaterialSuppliedConsumer>();
        }

        if (topology.ServesEngine)
        {
            services.AddSingleton<StepReceivedConsumer>();
            services.AddSingleton<StepClaimedConsumer>();
            services.AddSingleton<StepReleasedConsumer>();
            services.AddSingleton<StepExclusionStartedConsumer>();
            services.AddSingleton<StepExclusionEndedConsumer>();
            services.AddSingleton<StepExtendedConsumer>();
            services.AddSingleton<StepSupplementRequestedConsumer>();
            services.AddSingleton<StepCompletedConsumer>();
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
                    bus.UsingInMemory((context, cfg) => ConfigureBus(cfg, context, options, topology, _ => { }));
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
                        ConfigureBus(cfg, context, options, topology, endpoint =>
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
        IBusFactoryConfigurator cfg, IBusRegistrationContext context, MessagingOptions options, BusTopology topology, Action<IReceiveEndpointConfigurator> transport)
    {
        // Plain JSON bodies with the message id and type in the headers: lighter than MassTransit's envelope, and the
        // shape a department system that is not .NET reads and writes. Not MassTransit's default AnyMessageType: each
        // consumer takes only the types a message's header names (and one without a type fails to deserialize).
        const RawSerializerOptions raw = RawSerializerOptions.AddTransportHeaders;
        cfg.UseRawJsonSerializer(raw, isDefault: true);
        cfg.AddDeserializer(new ContractJsonDeserializer(raw), isDefault: true);
        cfg.ConfigureJsonSerializerOptions(json =>
        {
            json.Encoder = StoredJson.Encoder;
            return json;
        });
        if (topology.ServesEngine)
        {
            cfg.ReceiveEndpoint(Queues.EngineReports, endpoint =>
            {
                Configure(endpoint, context, options.ConcurrentMessageLimit, transport);
                new StepReceivedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepReceivedConsumer>(), context);
                new StepClaimedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepClaimedConsumer>(), context);
                new StepReleasedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepReleasedConsumer>(), context);
                new StepExclusionStartedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExclusionStartedConsumer>(), context);
                new StepExclusionEndedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExclusionEndedConsumer>(), context);
                new StepExtendedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepExtendedConsumer>(), context);
                new StepSupplementRequestedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepSupplementRequestedConsumer>(), context);
                new StepCompletedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepCompletedConsumer>(), context);
            });
        }

        foreach (var department in topology.Departments)
        {
            cfg.ReceiveEndpoint(Queues.Department(department), endpoint =>
            {
                Configure(endpoint, context, options.DepartmentConcurrentMessageLimit, transport);
                new ExecuteStepConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<ExecuteStepConsumer>(), context);
                new CancelStepConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<CancelStepConsumer>(), context);
                new StepDueChangedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepDueChangedConsumer>(), context);
                new StepWarningRaisedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepWarningRaisedConsumer>(), context);
                new StepEscalatedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepEscalatedConsumer>(), context);
                new StepSupplementedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepSupplementedConsumer>(), context);
                new StepSupplementRefusedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepSupplementRefusedConsumer>(), context);
                new StepCommitmentRefusedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepCommitmentRefusedConsumer>(), context);
                new StepMaterialSuppliedConsumerDefinition(options).Apply(endpoint, context.GetRequiredService<StepMaterialSuppliedConsumer>(), context);
            });
        }
    }

    private static void Configure(IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, int limit, Action<IReceiveEndpointConfigurator> transport)
    {
        endpoint.ConcurrentMessageLimit = limit;
        endpoint.PrefetchCount = limit;
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
