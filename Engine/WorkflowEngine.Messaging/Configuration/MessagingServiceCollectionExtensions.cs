using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Messaging.Consumers;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Wires MassTransit: the engine's report queue and one queue per department this process serves.</summary>
public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddWorkflowMessaging(this IServiceCollection services, BusTopology topology)
    {
        services.AddSingleton(topology);
        services.AddSingleton<IMessageSender, MassTransitSender>();
        // The consumers are stateless and depend only on singletons: one instance each serves every message, which
        // spares MassTransit a DI scope per message.
        services.AddSingleton<ExecuteStepConsumer>();
        services.AddSingleton<CancelStepConsumer>();
        services.AddSingleton<StepReceivedConsumer>();
        services.AddSingleton<StepClaimedConsumer>();
        services.AddSingleton<FailedMessageRecorder>();
        services.AddSingleton<StepCompletedConsumer>();
        services.AddMassTransit(bus =>
        {
            // MassTransit reports its usage to the vendor's address after the bus starts; a government deployment calls
            // no outside address.
            bus.DisableUsageTelemetry();
            bus.UsingInMemory((context, cfg) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                if (!string.Equals(options.Transport, "in-memory", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"Messaging:Transport “{options.Transport}” is not available in this release; only in-memory (the all-in-one host) is.");
                }

                // Plain JSON bodies with the message id in the headers: lighter than MassTransit's envelope, and the
                // shape a department system that is not .NET reads and writes.
                cfg.UseRawJsonSerializer(RawSerializerOptions.Default, isDefault: true);
                cfg.AddDeserializer(new ContractJsonDeserializer(RawSerializerOptions.Default), isDefault: true);
                cfg.ConfigureJsonSerializerOptions(json =>
                {
                    json.Encoder = StoredJson.Encoder;
                    return json;
                });
                if (topology.ServesEngine)
                {
                    cfg.ReceiveEndpoint(Queues.EngineReports, endpoint =>
                    {
                        Configure(endpoint, context, options, options.ConcurrentMessageLimit);
                        endpoint.Instance(context.GetRequiredService<StepReceivedConsumer>());
                        endpoint.Instance(context.GetRequiredService<StepClaimedConsumer>());
                        endpoint.Instance(context.GetRequiredService<StepCompletedConsumer>());
                    });
                }

                foreach (var department in topology.Departments)
                {
                    cfg.ReceiveEndpoint(Queues.Department(department), endpoint =>
                    {
                        Configure(endpoint, context, options, options.DepartmentConcurrentMessageLimit);
                        endpoint.Instance(context.GetRequiredService<ExecuteStepConsumer>());
                        endpoint.Instance(context.GetRequiredService<CancelStepConsumer>());
                    });
                }
            });
        });
        return services;
    }

    private static void Configure(IReceiveEndpointConfigurator endpoint, IBusRegistrationContext context, MessagingOptions options, int limit)
    {
        endpoint.ConcurrentMessageLimit = limit;
        endpoint.PrefetchCount = limit;

        // A message given up on is kept in the database first, then handled as MassTransit does by default (a fault
        // event, and the _error or _skipped queue).
        var recorder = context.GetRequiredService<FailedMessageRecorder>();
        endpoint.ConfigureError(error =>
        {
            error.UseFilter(new FailedMessageFilter(recorder));
            error.UseFilter(new GenerateFaultFilter());
            error.UseFilter(new ErrorTransportFilter());
        });
        endpoint.ConfigureDeadLetter(deadLetter =>
        {
            deadLetter.UseFilter(new SkippedMessageFilter(recorder));
            deadLetter.UseFilter(new DeadLetterTransportFilter());
        });
        endpoint.UseMessageRetry(retry =>
        {
            retry.Ignore<InvalidMessageException>();
            retry.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
        });
    }
}
